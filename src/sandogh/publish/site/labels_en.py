"""The results site's own labels and sentences in English (`site.labels`), each saying what its
Persian one says, with the same placeholders."""

from __future__ import annotations

EN: dict[str, str] = {
    "site_title": "Election results",
    "elections_published": "Elections published",
    "no_elections": "No results have been published yet.",
    "skip": "Skip to main content",
    "breadcrumbs": "Breadcrumb",
    "other_language": "فارسی",
    "search": "Find a polling station",
    "search_label": "Station name or code",
    "search_hint": "Type at least two letters or digits: a station's, a county's name, or a code.",
    "search_count": "{count} results",
    "search_more": "Only the first {shown} results are shown; type more to narrow them.",
    "search_all": "All stations",
    "search_needs_script": (
        "Search needs JavaScript; reach a station through the nation, province and county pages."
    ),
    "election_day": "Election day",
    "updated": "Updated {when}",
    "tehran_time": "{day}, {time} Tehran time",
    "live_updated": "Figures updated.",
    "on_this_page": "On this page",
    "status_partial": "Partial",
    "status_complete": "Count complete",
    "status_certified": "Certified",
    "hand_count_superseded": "The figures reported here are superseded by the full hand count "
    "of constituency {constituency}, certified {when}: the constituency's result is that count.",
    "hand_count_counted": "This total counts constituency {constituency} by its full hand count, "
    "certified {when}, in place of the reported sheets' sum.",
    "status": "Status",
    "result_elected": "Elected",
    "result_advanced-to-runoff": "Advances to runoff",
    "result_alternate": "Alternate",
    "result_not-elected": "Not elected",
    "result_withdrawn": "Withdrawn",
    "party_list_line": (
        "List {party_list}: {seats} seats; elected: {elected}; alternates: {alternates}"
    ),
    "result_leading": "Leading",
    "result_awaiting-lot": "Awaiting a lot",
    "result": "Result",
    "name": "Name",
    "reported_yes": "Reported",
    "reported_no": "Not yet reported",
    "of": "{reported} of {total}",
    "areas": "Results by {kind}",
    "areas_mixed": "Results by area",
    "votes_heading": "Votes per candidate",
    "votes_elsewhere": (
        "The votes of the candidates of each constituency in this area are on that "
        "constituency's page (the list of constituencies is below)."
    ),
    "standings_in_votes": "Each candidate's result is in the Result column of the votes table.",
    "chart_turnout": "Chart of turnout: {summary}",
    "figures_heading": "Ballots cast",
    "turnout_by_cast": "Turnout by ballots cast",
    "no_eligible": "The number of eligible voters is not given, so turnout is not computed.",
    "announce_none": "None of the {total} stations has reported yet.",
    "announce_station_waiting": "This station has not reported yet.",
    # the announcement: how much is counted, then who leads, has the most votes, or are tied
    "announce_counted_some": "With {reported} of {total} stations counted",
    "announce_counted_all": "With all {total} stations counted",
    "announce_counted_both": "With both stations counted",
    "announce_counted_only": "With its only station counted",
    "announce_counted_voided": (
        "With {counted} of {total} stations counted and {voided} voided by the supervisory board"
    ),
    "announce_leading": "{name} leads with {votes}.",  # votes: "1 vote", "610,000 votes"
    "announce_most": "{name} has the most votes: {votes}.",
    "announce_tied": "{name} are tied with {votes} each.",
    "announce_no_votes": (
        "With {reported} of {total} stations counted, no valid vote is counted yet."
    ),
    "outcome_heading": "Outcome so far: {name}",
    "outcome_link": "The outcome in the {name} constituency",
    "seat": "{seats} seat",
    "seats": "{seats} seats",
    "runoff_needed": "A runoff is needed.",
    "reasons": "Why",
    "constituencies_heading": "Constituencies in this area",
    "constituency": "Constituency",
    "compare_heading": "Round {before} against round {after}",
    "change": "Change",
    "not_standing": "not standing",
    "downloads": "Downloads",
    "file_unit": "{contest} results in this unit (JSON)",
    "file_outcome": "{contest} outcome in {name} (JSON)",
    "file_county_csv": "Tally sheets of the stations of {name} (CSV)",
    "file_report_zero": "Signed opening (zero) report",
    "file_report_final": "Signed final report (tally sheet)",
    "file_totals": "Totals of every unit (CSV)",
    "file_nist": "NIST SP 1500-100 election report (JSON)",
    "file_definition": "Election definition (JSON)",
    "file_devices": "Ballot boxes' public keys (JSON)",
    "file_units": "List of units (JSON)",
    "file_anchor_record": "Pre-election record: each station's box and staff keys (JSON)",
    "file_anchor_signatures": "The HQ's and the supervisory board's officials' signatures of it "
    "(JSON)",
    "file_anchor_amendments": "Its signed amendments (JSON)",
    "anchor_fingerprint": "Fingerprint of the pre-election record:",
    "anchor_note": "Compare it with the one newspapers and observers published before polls "
    "opened; to check by machine: sandogh verify-results --anchor",
    "file_snapshot": "This snapshot's state (JSON)",
    "verify_note": (
        "Anyone can check every report's signature and re-add them: sandogh verify-results"
    ),
    "map": "Map",
    "map_label": "Map of the {contest} contest",
    "map_colour": "Colour by",
    "map_winner": "Leader",
    "tied": "Tied",
    "map_turnout": "Turnout",
    "map_contest": "Contest",
    "map_no_data": "No results yet",
    "map_needs_script": "The map needs JavaScript; the table above has the same figures.",
    "map_attribution": "Boundaries: © OpenStreetMap contributors (ODbL)",
    "station_details": "About the station",
    "mobility_fixed": "Fixed",
    "mobility_mobile": "Mobile",
    "setting_urban": "Urban",
    "setting_rural": "Rural",
    "mode_electronic": "Fully electronic",
    "mode_semi-electronic": "Semi-electronic",
    "mode_paper": "Paper",
    "hard_to_reach": "Hard to reach",
    "kind_of_station": "Kind",
    "place": "Setting",
    "voting_mode": "Voting mode",
    "location": "Location",
    "yes": "Yes",
    "no": "No",
    "no_location": "not recorded",
    "legend_reported": "Reported",
    "legend_waiting": "Not yet reported",
    "stations_reported_short": "Stations reported",
    "bin_below": "under {high}",
    "bin_between": "{low} to {high}",
    "bin_above": "{low} and over",
    "candidates_title": "Final list of candidates",
    "candidates_published": "The final list was published on {day}.",
    "candidates_drawn": "The candidates' codes were given by a recorded draw; seed «{seed}»; "
    "drawn by {by}.",
    "candidates_committed": "The headquarters committed to the draw's secret on {day}; the final "
    "list was published on {listed}. Commitment (SHA-256 of the secret):",
    "candidates_revealed": "The secret revealed at the draw, which anyone can hash to the "
    "commitment:",
    "candidates_constituency": "Constituency",
    "candidates_withdrew": "withdrew before the draw",
    "candidates_verify_note": (
        "Anyone can redo the draw from the seed and list published in candidacy.json: "
        "sandogh verify-results does, and holds the ballot's codes to it."
    ),
    "ballot": "Was my ballot counted?",
    "ballot_intro": (
        "Type the confirmation code the ballot box showed after your vote and printed on your "
        "paper copy: twenty digits (with or without spaces, Persian or Latin digits), or the "
        "whole code in hex."
    ),
    "ballot_label": "Confirmation code",
    "ballot_button": "Look up",
    "ballot_needs_script": (
        "This look-up needs JavaScript. The codes are in this snapshot's e2e/codes files."
    ),
    "ballot_searching": "Looking up…",
    "ballot_not_a_code": (
        "This is not a confirmation code: type twenty digits, or at least sixteen hex characters."
    ),
    "ballot_not_found": (
        "This code is not in the election record. Check it against your paper copy again; if it "
        "is right, report it to the observers."
    ),
    "ballot_unreadable": "The codes could not be read; try again.",
    "ballot_cast": (
        "The ballot with this code was cast at {station} and is in that station's decrypted "
        "tally. If you challenged this ballot (opened it rather than cast it), report it to the "
        "observers."
    ),
    "ballot_pending": (
        "The ballot with this code is in the published chain of {station}'s box and in that "
        "station's encrypted tally. The tally is not decrypted yet: once the guardians have "
        "decrypted it and the result is published, this page will say counted. If you "
        "challenged this ballot, report it to the observers."
    ),
    "ballot_challenged": (
        "This ballot was challenged (opened for checking) and is not counted. If you cast this "
        "ballot and did not challenge it, your vote was not counted: report it to the observers. "
        "What the box had encrypted (it must match your printed challenge receipt):"
    ),
    "ballot_bad_entry": (
        "One entry of this part of the code index could not be read and was left out; if your "
        "code is not found, report it to the observers."
    ),
    "ballot_station_link": "Results of {station}",
    "ballot_code": "Code",
    "ballot_state_cast": "counted",
    "ballot_state_challenged": "challenged for checking, not counted",
    "ballot_state_pending": "in the chain, awaiting decryption",
    "ballot_blank": "blank (no candidate)",
    "ballot_verify_note": (
        "Anyone can check that every ballot cast is in its station's tally: sandogh verify-election"
    ),
    # issue 13: honest partial results, voids and certifications, the front page's headline
    "papers_heading": "Ballot papers and ballots set aside",
    "void_set_aside": "Void ballots (set aside, not counted as cast)",
    "turnout_over": (
        "Turnout in the {reported} of {total} stations that have reported, "
        "over those stations' {eligible} eligible voters."
    ),
    "turnout_waiting": "Turnout is computed once the first station reports.",
    "not_final": (
        "Not final: {reported} of {total} stations have reported; "
        "no one is elected until every station has."
    ),
    "result_trailing": "—",
    "compare_over": (
        "Compared over the {reported} of {total} stations that have reported in this round only: "
        "the earlier round's votes in those same stations."
    ),
    "certified_by": "Certified by the {role} ({place}), account {by}, {when}",
    "certification_undone": (
        "Certification undone by the {role} ({place}), account {by}, {when}; reason: {reason}"
    ),
    "certification_undone_ref": (
        "Certification undone by the {role} ({place}), account {by}, {when}; reason: {reason} "
        "(decision {reference})"
    ),
    "role_supervisor": "supervisory board",
    "role_national-hq": "national election headquarters",
    "role_provincial-hq": "provincial election headquarters",
    "role_county-hq": "county election headquarters",
    "role_admin": "system administrator",
    "voided_station": (
        "This station's ballots were voided by the supervisory board and are not counted in "
        "any total. Reason: {reason}; decision {reference}."
    ),
    "voided_candidate": (
        "One candidate's votes at this station were voided by the supervisory board. "
        "Reason: {reason}; decision {reference}."
    ),
    "map_reported": "{reported} of {total} stations reported",
    "map_little": "Half the stations or fewer reported",
    "map_outside": "Outside this area, or no stations in this election",
    "headline_turnout": "Turnout where reported",
    "headline_leading": "Leading, {contest}",
    "headline_tied": "Tied, {contest}",
    "headline_most": "Most votes, {contest}",
    # issue 13, second wave: the day of a void, and a constituency voided on its outcome
    "void_decided_at": "Decided {when}.",
    "voided_constituency": (
        "The election in this constituency was voided by the supervisory board: no one is "
        "elected from it, and its seats wait for a new election. Reason: {reason}; "
        "decision {reference}."
    ),
    "voided_every_station": (
        "The ballots of every station in this constituency were voided by the supervisory "
        "board; no vote counts here."
    ),
    # issue 13, session 21: no outcome word before the count is complete, each base named, a
    # voided station's status
    "party_list_line_so_far": (
        "List {party_list}: {seats} seats so far; leading: {elected}; next: {alternates}"
    ),
    "outcome_heading_final": "Outcome: {name}",
    "percent_of_valid": "% of valid ballots",
    "percent_of_cast": "% of ballots cast",
    "eligible_reporting": "Eligible voters of the stations reported",
    "eligible_all": "Eligible voters of all stations",
    "status_voided": "Voided by the supervisory board",
    # issue 13, session 22: voided ballots counted apart, voided stations in the area lists and
    # left out of turnout and of the round comparison
    "voided_set_aside": "Ballots voided by the supervisory board (set aside, not counted as cast)",
    "area_voided": "Voided",
    "of_voided": "{reported} of {total} ({voided} voided)",
    "stations_reported_voided": (
        "{reported} of {total} stations reported; the ballots of {voided} of them were voided by "
        "the supervisory board"
    ),
    "eligible_counted": "Eligible voters of the stations whose ballots count",
    "turnout_all_voided": (
        "The ballots of every station that reported were voided by the supervisory board, so "
        "turnout is not computed."
    ),
    "turnout_station_voided": "This station's ballots were voided, so its turnout is not computed.",
    "turnout_over_counted": (
        "Turnout in the {counted} of {total} stations whose ballots count ({voided} voided by the "
        "supervisory board left out), over those stations' {eligible} eligible voters."
    ),
    "compare_over_counted": (
        "Compared over the {counted} of {total} stations whose ballots count in this round only "
        "({voided} voided by the supervisory board left out): the earlier round's votes in those "
        "same stations."
    ),
    # issue 14, session 27: long lists on pages of their own
    "list_pages": "Pages of the list",
    "list_page": "Page {page} of {pages} (units {first} to {last} of {below})",
    "list_of": "{name}: the list",
    "previous_page": "Previous page",
    "next_page": "Next page",
    "constituencies_by_area": (
        "{count} constituencies: each is listed on the page of the area that holds it."
    ),
    "constituencies_count": "Constituencies",
    "constituencies_complete": "Count complete",
}
