"""The ballot box's own screens, served on loopback to the kiosk browser (issue 3, item 2)."""

from sandogh.station.web.app import LOOPBACK, create_station_app

__all__ = ["LOOPBACK", "create_station_app"]
