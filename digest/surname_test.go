package digest

import "testing"

// A he or she later in the text stands for a person: a country or body
// that speaks, or a day after the verb, is never the name put back.
func TestSurnameIsAPerson(t *testing.T) {
	tests := []struct {
		lang, sentence, want string
	}{
		{"en", "Norway and Sweden said on Tuesday that the pipeline would reopen next month.", ""},
		{"en", "The border crossing reopened, officials said Friday.", ""},
		{"en", "Finance Minister Lars Klingbeil said the budget would balance by 2028.", "Klingbeil"},
		{"en", "The vote was delayed, Senator Amy Klobuchar told reporters.", "Klobuchar"},
		{"ru", "Германия заявила о готовности выделить средства на восстановление порта.", ""},
		{"ru", "Бюджет будет исполнен без дефицита, заявил министр финансов Антон Силуанов.", "Силуанов"},
		{"ru", "Антон Силуанов заявил, что дефицит бюджета сократится.", "Силуанов"},
		{"ru", "Мэр Екатеринбурга Алексей Орлов открыл в среду новый мост через Исеть.", "Орлов"},
		{"ru", "Арбитражный суд Москвы в среду отклонил иск компании к Минфину.", ""},
		{"ru", "Власти Свердловской области выделили средства на ремонт.", ""},
	}
	for _, tt := range tests {
		got := enSurname(tt.sentence)
		if tt.lang == "ru" {
			got = ruSurname(tt.sentence)
		}
		if got != tt.want {
			t.Errorf("%s %q: speaker %q, want %q", tt.lang, tt.sentence, got, tt.want)
		}
	}
}

// A Russian line opening with он or она gets the surname of the person
// named before when the pronoun's gender fits it; else it leans.
func TestRussianPronounSubject(t *testing.T) {
	tests := []struct {
		person, text, want string
		leans              bool
	}{
		{"Голикова", "Она также сообщила, что программа продлена до 2030 года.", "Голикова также сообщила, что программа продлена до 2030 года.", false},
		{"Мишустин", "Он добавил, что средства уже выделены.", "Мишустин добавил, что средства уже выделены.", false},
		{"Мишустин", "Она добавила, что средства уже выделены.", "Она добавила, что средства уже выделены.", true},
		{"", "Он подчеркнул важность проекта.", "Он подчеркнул важность проекта.", true},
	}
	for _, tt := range tests {
		l := line{text: tt.text}
		completeEnRu(&l, "ru", tt.person, "")
		if l.text != tt.want || l.leans != tt.leans {
			t.Errorf("%s / %q: %q leans=%v, want %q leans=%v", tt.person, tt.text, l.text, l.leans, tt.want, tt.leans)
		}
	}
}

// A quotation's speaker given by office alone is named when the sentence
// that named the last person gave the same office.
func TestNameOffice(t *testing.T) {
	tests := []struct {
		lang, person, namedIn, text, want string
	}{
		{"ru", "Орлов", "Мэр Екатеринбурга Алексей Орлов открыл мост.", "«Мост простоит сто лет», — сказал мэр.", "«Мост простоит сто лет», — сказал мэр Орлов."},
		{"ru", "Орлов", "Мэр Екатеринбурга Алексей Орлов открыл мост.", "«Денег хватит», — заявил министр.", "«Денег хватит», — заявил министр."},
		{"en", "Healey", "Massachusetts Gov. Maura Healey, the state's governor, toured the site.", `"We will rebuild," the governor said.`, `"We will rebuild," Governor Healey said.`},
		{"en", "", "", `"We will rebuild," the governor said.`, `"We will rebuild," the governor said.`},
	}
	for _, tt := range tests {
		l := line{text: tt.text}
		nameOffice(&l, tt.lang, tt.person, tt.namedIn)
		if l.text != tt.want {
			t.Errorf("%q: %q, want %q", tt.text, l.text, tt.want)
		}
	}
}
