"""A small pre-election record and its officials' keys, for the anchor tests."""

from __future__ import annotations

from sandogh.core.anchor import Authority, Body, PreElectionRecord, StationKeys
from sandogh.core.report import SigningKey, StaffRole
from sandogh.core.report.staff import RegisteredStaff

from ..report.build import DEFINITION_HASH, DEVICE, HEAD, OTHER_DEVICE, SECRETARY, STATION

ELECTION = "kerman-1403-r2"
OTHER_STATION = "ST-0802-0001"
HQ_CHIEF = SigningKey.from_seed(b"q" * 32)
HQ_DEPUTY = SigningKey.from_seed(b"d" * 32)
BOARD_CHAIR = SigningKey.from_seed(b"b" * 32)
BOARD_MEMBER = SigningKey.from_seed(b"m" * 32)
LOG_KEY = SigningKey.from_seed(b"l" * 32)
OFFICIALS = (HQ_CHIEF, HQ_DEPUTY, BOARD_CHAIR, BOARD_MEMBER)
OTHER_HEAD = SigningKey.from_seed(b"o" * 32)


def staff(station: str, person: str, role: StaffRole, key: SigningKey) -> RegisteredStaff:
    return RegisteredStaff(ELECTION, station, person, role, key.public_key)


#: two officials of each body, and the centre's log key; the record asks for 3 of the 4
AUTHORITIES = (
    Authority("رئیس ستاد", Body.HQ, HQ_CHIEF.public_key),
    Authority("معاون ستاد", Body.HQ, HQ_DEPUTY.public_key),
    Authority("رئیس هیئت نظارت", Body.SUPERVISORY_BOARD, BOARD_CHAIR.public_key),
    Authority("عضو هیئت نظارت", Body.SUPERVISORY_BOARD, BOARD_MEMBER.public_key),
    Authority("event log", Body.LOG, LOG_KEY.public_key),
)
#: officials enough to seal: k = 3, both bodies
SEALERS = (HQ_CHIEF, BOARD_CHAIR, BOARD_MEMBER)


def record(threshold: int = 3) -> PreElectionRecord:
    return PreElectionRecord(
        election=ELECTION,
        definition_hash=DEFINITION_HASH,
        threshold=threshold,
        authorities=AUTHORITIES,
        stations=(
            StationKeys(
                STATION,
                (DEVICE.public_key,),
                (
                    staff(STATION, "Head One", StaffRole.HEAD, HEAD),
                    staff(STATION, "Secretary One", StaffRole.SECRETARY, SECRETARY),
                ),
            ),
            StationKeys(
                OTHER_STATION,
                (OTHER_DEVICE.public_key,),
                (staff(OTHER_STATION, "Head Two", StaffRole.HEAD, OTHER_HEAD),),
            ),
        ),
    )
