"""Loading: rule files, language packs and claim kinds validated and compiled into an immutable catalog."""
