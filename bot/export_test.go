package bot

// SetPaceLimits sets the rates of the bot's pacing, which its replies
// follow from the start and a Dispatcher sending through it resets: tests
// without flood limits answer at test speed.
func (b *Bot) SetPaceLimits(globalPerSecond, privatePerSecond, groupPerMinute float64) {
	b.pace.setLimits(paceLimits{GlobalPerSecond: globalPerSecond, PrivatePerSecond: privatePerSecond, GroupPerMinute: groupPerMinute})
}
