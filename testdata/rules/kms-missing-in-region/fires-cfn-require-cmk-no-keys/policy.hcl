require_cmk = true
