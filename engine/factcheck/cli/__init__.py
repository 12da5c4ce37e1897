"""The command line: a thin layer over the running stage and the report renderers."""
