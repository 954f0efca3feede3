"""The polling-station app that runs on the electronic ballot box (DESIGN.md §2)."""
