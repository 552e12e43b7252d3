"""The leaders' cockpit (领导驾驶舱)."""
