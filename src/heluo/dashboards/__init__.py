"""The dashboards (驾驶舱与角色首页): each role's home, the leaders' cockpit and the briefings, read from
core's figures registry and the modules' own services. Above every module; nothing imports it."""
