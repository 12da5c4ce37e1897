"""Running: units of work, local and parallel runners, the result cache, progress, and the session object."""
