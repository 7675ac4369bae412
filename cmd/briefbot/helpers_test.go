package main

import "briefbot/config"

func configLog(format string) config.Log { return config.Log{Format: format, Level: "info"} }
