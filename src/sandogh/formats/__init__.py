"""The files sandogh reads and writes, validated at the edge; import each module directly."""
