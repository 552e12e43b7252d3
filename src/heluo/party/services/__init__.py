"""Every state change of party building, one module per topic (organisations, members, transfers,
meetings, study, dues, points, alliance, villages)."""
