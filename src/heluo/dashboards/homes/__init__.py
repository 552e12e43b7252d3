"""Each role's home (角色首页)."""
