package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"briefbot"
)

// pool is the sentence material of one language.
type pool struct {
	lang      string
	headlines []string
	sentences []string
	outlets   []string
	names     []string // synthetic proper names: the rare words of the corpus
}

// russianSentences are written for this benchmark (there is no Russian set
// in the shared data); the generator recombines them like the others.
var russianSentences = []string{
	"Президент России Владимир Путин провёл совещание с постоянными членами Совета безопасности.",
	"Министр иностранных дел Сергей Лавров заявил, что Москва открыта для переговоров.",
	"Пресс-секретарь Кремля Дмитрий Песков прокомментировал заявления западных политиков.",
	"Минобороны сообщило, что силы ПВО за ночь сбили двенадцать беспилотников.",
	"Центральный банк сохранил ключевую ставку на прежнем уровне.",
	"Курс рубля укрепился после публикации данных о торговом балансе.",
	"В Москве прошли переговоры делегаций России и Китая по вопросам энергетики.",
	"Госдума приняла в первом чтении законопроект о цифровом рубле.",
	"Губернатор Белгородской области сообщил о повреждении линии электропередачи.",
	"Российские военные освободили населённый пункт в Донецкой народной республике.",
	"Представитель МИД назвала заявления НАТО провокационными.",
	"Саммит БРИКС пройдёт в Казани с участием лидеров более двадцати стран.",
	"Путин и Си Цзиньпин обсудили по телефону двустороннее сотрудничество.",
	"Эксперты ожидают роста цен на нефть из-за сокращения добычи странами ОПЕК+.",
	"В Санкт-Петербурге открылся международный экономический форум.",
	"Метеорологи предупредили о сильном снегопаде в центральных регионах.",
	"Прокуратура начала проверку после аварии на химическом предприятии.",
	"Правительство выделило дополнительные средства на восстановление жилья.",
	"Японская делегация прибыла в Москву для консультаций по мирному договору.",
	"Переговоры о прекращении огня продолжатся на следующей неделе в Стамбуле.",
	"Ракетный удар повредил объект энергетической инфраструктуры.",
	"Зеленский заявил о готовности к встрече на высшем уровне.",
	"Трамп провёл телефонный разговор с Путиным, продолжавшийся более двух часов.",
	"Евросоюз утвердил новый пакет санкций против российских банков.",
	"Посол России в Японии встретился с представителями деловых кругов.",
	"Космический корабль «Союз» успешно стартовал с космодрома Байконур.",
	"Рособрнадзор опубликовал результаты единого государственного экзамена.",
	"Аэропорты Москвы временно ограничили приём и выпуск самолётов.",
	"Спасатели эвакуировали жителей затопленных сёл на Дальнем Востоке.",
	"Суд приговорил обвиняемого к восьми годам лишения свободы.",
	"Россия и Индия договорились расширить расчёты в национальных валютах.",
	"Глава МАГАТЭ посетил Запорожскую атомную электростанцию.",
	"Военные эксперты проанализировали ход специальной военной операции.",
	"Власти Курской области сообщили об обстреле приграничных сёл.",
	"Песков отметил, что Кремль внимательно следит за выборами в США.",
	"Лавров провёл переговоры с министром иностранных дел Турции.",
	"Экспорт российского зерна вырос по сравнению с прошлым годом.",
	"Биржевые индексы снизились на фоне новостей о санкциях.",
	"В Сибири установилась аномально холодная погода.",
	"Патриарх Кирилл совершил богослужение в храме Христа Спасителя.",
}

var russianHeadlines = []string{
	"Путин провёл совещание Совбеза", "Лавров о переговорах", "Песков ответил на вопросы журналистов",
	"ПВО сбили беспилотники", "ЦБ сохранил ставку", "Саммит БРИКС в Казани", "Новые санкции ЕС",
	"Переговоры в Стамбуле", "Удар по энергетике", "Снегопад в центральных регионах",
}

func loadPools(shared string, rng *rand.Rand) (map[string]*pool, error) {
	ja := &pool{lang: briefbot.LangJA, outlets: []string{"NHK", "ロイター", "共同通信", "時事通信", "Sputnik", "朝日新聞", "TBS"}}
	en := &pool{lang: briefbot.LangEN, outlets: []string{"BBC", "Reuters", "AP", "Bloomberg"}}
	ru := &pool{lang: briefbot.LangRU, outlets: []string{"ТАСС", "РИА Новости", "Интерфакс"},
		sentences: russianSentences, headlines: russianHeadlines}

	// Japanese Wikinews: sentences and headlines.
	f, err := os.Open(filepath.Join(shared, "data/ja-wikinews-300/sample300.jsonl"))
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var row struct {
			Sentences []string `json:"sentences"`
			Headline  string   `json:"headline"`
		}
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			f.Close()
			return nil, fmt.Errorf("wikinews: %w", err)
		}
		ja.sentences = append(ja.sentences, row.Sentences...)
		ja.headlines = append(ja.headlines, row.Headline)
	}
	f.Close()
	// The seed aggregator post: its paragraphs are sentences too.
	if b, err := os.ReadFile(filepath.Join(shared, "seed/source-post.txt")); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "http") {
				continue
			}
			if strings.HasPrefix(line, "【") {
				ja.headlines = append(ja.headlines, strings.Trim(line, "【】"))
			}
			ja.sentences = append(ja.sentences, line)
		}
	}
	// BBC articles: title, blank line, one sentence a line.
	files, _ := filepath.Glob(filepath.Join(shared, "data/bbc-summary-100/article/*/*.txt"))
	sort.Strings(files)
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		lines := strings.Split(string(b), "\n")
		for i, line := range lines {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			if i == 0 {
				en.headlines = append(en.headlines, line)
			} else {
				en.sentences = append(en.sentences, line)
			}
		}
	}
	if len(ja.sentences) == 0 || len(en.sentences) == 0 {
		return nil, fmt.Errorf("no sentences under %s", shared)
	}
	ja.names = synthNames(rng, 20000, []string{"カ", "キ", "ク", "サ", "シ", "ス", "タ", "チ", "ナ", "ニ", "マ", "ミ", "ラ", "リ", "ル", "ロ", "バ", "ビ", "ゼ", "ド", "ン", "ー", "フ", "ヴァ", "ジョ", "シュ"}, 3, 6, "")
	en.names = synthNames(rng, 20000, []string{"ka", "ri", "mo", "dan", "vel", "tor", "sen", "bra", "lin", "gor", "mar", "quis", "zel", "hol", "ston"}, 2, 4, "")
	ru.names = synthNames(rng, 20000, []string{"ка", "ри", "мо", "дан", "вел", "тор", "сен", "бра", "лин", "гор", "мар", "зел", "хол", "ст"}, 2, 4, "ов")
	return map[string]*pool{"ja": ja, "en": en, "ru": ru}, nil
}

func synthNames(rng *rand.Rand, n int, syl []string, minSyl, maxSyl int, suffix string) []string {
	seen := map[string]bool{}
	var out []string
	for tries := 0; len(out) < n && tries < 50*n; tries++ {
		var b strings.Builder
		k := minSyl + rng.IntN(maxSyl-minSyl+1)
		for range k {
			b.WriteString(syl[rng.IntN(len(syl))])
		}
		s := b.String() + suffix
		if r, _ := utf8.DecodeRuneInString(s); r == 'ン' || r == 'ー' {
			continue
		}
		if suffix == "" && !isCJKRune(r0(s)) {
			s = strings.ToUpper(s[:1]) + s[1:]
		} else if suffix != "" {
			rs := []rune(s)
			rs[0] = unicode.ToUpper(rs[0])
			s = string(rs)
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func r0(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

// doc is one generated story with its text.
type doc struct {
	story *briefbot.Story
	brief *briefbot.Brief
	text  string // everything indexed, for the reference scan and the size figure
}

// generator makes story i deterministically from (seed, i), so the
// reference scan can regenerate any sample without keeping 1M texts.
type generator struct {
	pools map[string]*pool
	seed  uint64
	n     int
	start time.Time
}

func newGenerator(pools map[string]*pool, seed uint64, n int, start time.Time) *generator {
	return &generator{pools: pools, seed: seed, n: n, start: start}
}

func (g *generator) doc(i int) *doc {
	rng := rand.New(rand.NewPCG(g.seed, uint64(i)))
	lang := "ja"
	switch x := rng.IntN(100); {
	case x >= 95:
		lang = "ru"
	case x >= 85:
		lang = "en"
	}
	p := g.pools[lang]
	// Stories are dated in id order over a year, as a live daemon makes them.
	at := g.start.Add(time.Duration(float64(365*24*time.Hour) * float64(i) / float64(g.n))).
		Add(time.Duration(rng.IntN(3600)) * time.Second)
	nItems := 1
	if rng.IntN(5) == 0 {
		nItems = 2 + rng.IntN(2)
	}
	headline := p.headlines[rng.IntN(len(p.headlines))]
	if rng.IntN(3) == 0 { // a name in the headline now and then
		headline = zipfName(rng, p) + " " + headline
	}
	s := &briefbot.Story{Language: lang, Topics: []string{"world"}, FirstPublished: at, FirstSeen: at, LastSeen: at}
	var texts []string
	texts = append(texts, headline)
	var sources []briefbot.Source
	for k := range nItems {
		nSent := 3 + rng.IntN(5)
		if lang != "ja" {
			nSent = 2 + rng.IntN(4)
		}
		var sb strings.Builder
		for j := range nSent {
			if j > 0 && lang != "ja" {
				sb.WriteByte(' ')
			}
			sb.WriteString(p.sentences[rng.IntN(len(p.sentences))])
			if rng.IntN(4) == 0 {
				name := zipfName(rng, p)
				switch lang {
				case "ja":
					sb.WriteString(name + "氏が明らかにした。")
				case "en":
					sb.WriteString(" " + name + " said.")
				default:
					sb.WriteString(" Об этом сообщил " + name + ".")
				}
			}
		}
		title := headline
		if k > 0 {
			title = p.headlines[rng.IntN(len(p.headlines))]
		}
		outlet := p.outlets[rng.IntN(len(p.outlets))]
		url := fmt.Sprintf("https://news.example/%s/%d/%d", lang, i, k)
		s.Items = append(s.Items, briefbot.Item{FeedName: "bench-" + lang, Index: k, Outlet: outlet, URL: url,
			Title: title, Text: sb.String(), Language: lang, Topics: []string{"world"}, Published: at, FetchedAt: at, Deliver: true})
		sources = append(sources, briefbot.Source{Outlet: outlet, URL: url})
		texts = append(texts, title, sb.String(), outlet)
	}
	b := &briefbot.Brief{Headline: headline, HTML: "<b>" + headline + "</b>", Sources: sources, Topics: s.Topics,
		Language: lang, Published: at, CreatedAt: at, UpdatedAt: at}
	return &doc{story: s, brief: b, text: strings.Join(texts, "\n")}
}

// zipfName picks a synthetic name with a Zipf law: a few names are in many
// stories, most in a handful.
func zipfName(rng *rand.Rand, p *pool) string {
	z := rand.NewZipf(rng, 1.1, 10, uint64(len(p.names)-1))
	return p.names[z.Uint64()]
}
