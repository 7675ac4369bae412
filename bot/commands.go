package bot

import (
	"cmp"
	"context"
	"slices"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot/internal/catalog"
)

// userCommands is the menu everyone sees; each description is the
// catalogue's "command.NAME".
var userCommands = []string{"start", "subscribe", "unsubscribe", "today", "search", "settings", "pause", "resume", "stop", "help"}

// adminCommands are added to the menu of each admin's private chat only, so
// nobody else learns they exist.
var adminCommands = []string{"feeds", "stats", "reload", "addfeed", "delfeed"}

// menu is the command menu in lang.
func menu(lang string, names []string) []tgbotapi.BotCommand {
	out := make([]tgbotapi.BotCommand, len(names))
	for i, n := range names {
		out[i] = tgbotapi.BotCommand{Command: n, Description: catalog.Plain(lang, "command."+n)}
	}
	return out
}

// menuLanguages are the language_code values a menu is registered for:
// "" is the menu of every other language, in English.
var menuLanguages = append([]string{""}, catalog.Languages...)

// SetCommands registers the command menus, each in Japanese, English and
// Russian (language_code ja, en, ru) and in English for every other
// language: the default one, and one scoped to each admin's private chat
// with the admin commands added (removed again for users who are no longer
// admins). Failures are logged: a missing menu
// costs convenience, not function. Run and RunWebhook call it; call it again
// after SetConfig changed the admins.
func (b *Bot) SetCommands(ctx context.Context) {
	for _, lang := range menuLanguages {
		if err := b.scoped(ctx, "setMyCommands", nil, menu(cmp.Or(lang, "en"), userCommands), lang); err != nil {
			b.log.Warn("set my commands", "language", lang, "err", err)
		}
	}
	b.cmdMu.Lock()
	defer b.cmdMu.Unlock()
	var admins []int64
	if b.opts.Admin != nil {
		admins = b.cfg().admins
	}
	for _, id := range admins {
		scope := tgbotapi.NewBotCommandScopeChat(id)
		ok := true
		for _, lang := range menuLanguages {
			all := menu(cmp.Or(lang, "en"), slices.Concat(userCommands, adminCommands))
			if err := b.scoped(ctx, "setMyCommands", &scope, all, lang); err != nil {
				// Telegram knows no private chat with an admin who never
				// started the bot: their alerts would be lost too.
				b.adminUnreachable(id, err)
				b.log.Warn("set admin commands", "user_id", id, "err", err)
				ok = false
				break
			}
		}
		if ok {
			b.cmdScope[id] = true
		}
	}
	for id := range b.cmdScope {
		if slices.Contains(admins, id) {
			continue
		}
		scope := tgbotapi.NewBotCommandScopeChat(id)
		for _, lang := range menuLanguages {
			if err := b.scoped(ctx, "deleteMyCommands", &scope, nil, lang); err != nil {
				b.log.Warn("delete admin commands", "user_id", id, "err", err)
			}
		}
		delete(b.cmdScope, id)
	}
}

// scoped calls a command-menu method for one scope (nil: the default) and
// language_code ("": every language without its own menu). tgbotapi's
// configs build their Params in unexported methods, so the fields are sent
// by hand through the context-bound client.
func (b *Bot) scoped(ctx context.Context, method string, scope *tgbotapi.BotCommandScope, cmds []tgbotapi.BotCommand, lang string) error {
	p := tgbotapi.Params{}
	if cmds != nil {
		if err := p.AddInterface("commands", cmds); err != nil {
			return err
		}
	}
	if scope != nil {
		if err := p.AddInterface("scope", scope); err != nil {
			return err
		}
	}
	p.AddNonEmpty("language_code", lang)
	_, err := b.call(ctx, b.sendClient, method, p)
	return err
}
