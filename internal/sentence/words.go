package sentence

import "strings"

// abbr says how an abbreviation's period behaves before a capitalised word
// or a number; before a lower-case word no period ends a sentence.
type abbr uint8

const (
	// word: not an abbreviation; its period ends the sentence.
	word abbr = iota
	// title stands before a name (Mr., Dr., Gen., проф., им.): the period
	// never ends a sentence.
	title
	// inner always has more of its sentence after it (e.g., vs., т.е.).
	inner
	// ref stands before a number (p. 55, No. 5, Jan. 1) and ends a
	// sentence before a word (he said no. The crowd…).
	ref
	// pre is a Russian place or reference word before a name or a number
	// (пгт. Сосновка, ул. Ленина, с. 45, ч. 2): the period goes on, unless
	// a number or a name stands before it, which makes it a unit or the
	// place type after a name (1975 г., 2 ч., Тверской обл.).
	pre
	// modifier may be followed by the noun it qualifies (U.S. Senate,
	// Fla. Thursday, Thomas R. Gale): it ends a sentence only before a
	// word no name or noun phrase goes on with (The, How, She, Mr.).
	modifier
	// clock is a.m. or p.m.: the time goes on with a day, a month or a
	// time zone (3 p.m. Thursday, 9 a.m. GMT) and ends before any other
	// capitalised word.
	clock
	// final closes a name or a list (Inc., etc., т.д., руб.): it ends the
	// sentence before any capitalised word or number, though not before a
	// parenthesis (et al. (2019)), another initial, or — in Russian, where
	// no sentence opens with a figure — a number (2 ч. 30 мин.).
	final
)

// enAbbr holds English abbreviations as written; a lower-case entry also
// matches the word capitalised (P.M., Etc.), a capitalised one only as is,
// so that the state Ill. is not the word ill.
var enAbbr = abbrTable(map[abbr]string{
	title: `Mr Mrs Ms Messrs Mmes Dr Drs Prof Gen Sen Rep Reps Gov Lt Col Capt Cpt Sgt Cpl Pvt
		Adm Maj Cmdr Brig Rev Hon Pres Sec Supt Det Insp Atty Amb Fr Sra Srta St Ste Mt Ft Pt Mme Mlle Gens`,
	inner: `e.g i.e vs v cf viz incl esp a.k.a resp`,
	ref: `no nos nr n° nº № p pp vol vols fig figs ch chap sec sect art arts para par approx ca c
		op ed eds ref tel ext ex min max est jan feb mar apr jun jul aug sep sept oct nov dec
		mon tue tues wed thu thur thurs fri sat sun`,
	clock: `a.m p.m`,
	modifier: `u.s u.k u.n e.u u.s.a u.s.s.r d.c n.y n.j n.m n.h n.c n.d s.c s.d r.i w.va
		Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont
		Neb Nev Okla Ore Pa Tenn Tex Vt Va Wash Wis Wyo Ont Que Alta Sask Man Ave Blvd Rd Hwy Sq Dept Univ`,
	final: `etc inc ltd co corp llc plc jr sr bros esq ph.d m.d b.a m.a b.sc m.sc d.phil
		al hrs mins secs yrs kg km lbs oz ft sq`,
})

// ruAbbr holds Russian abbreviations in lower case, without their final
// period; spaced ones are joined (т. д. → т.д).
var ruAbbr = abbrTable(map[abbr]string{
	title: `проф акад доц ген полк подполк г-н г-жа гр тов св им д-р канд зам пом нач зав и.о ред`,
	inner: `т.е т.к т.н т.ч т.о см ср напр н-р вкл искл прим`,
	pre: `г пгт ул пр просп пер пл наб ш б-р д кв корп стр ст ч п пос с х дер обл р-н
		рис табл гл разд прил т вып л ок оз м янв фев мар апр авг сен сент окт нояб дек`,
	final: `т.д т.п др гг вв в н.э руб коп долл дол тыс млн млрд трлн у.е куб кв.м
		куб.м км мм кг мин сек мес чел шт экз ед`,
})

func abbrTable(kinds map[abbr]string) map[string]abbr {
	m := map[string]abbr{}
	for k, words := range kinds {
		for _, w := range strings.Fields(words) {
			m[w] = k
		}
	}
	return m
}

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// fnWords are the closed-class words — articles, pronouns, auxiliaries,
// conjunctions, prepositions, question words and sentence adverbs — in
// lower case. A name or a noun phrase never goes on with one, so one of
// them capitalised after U.S. or an initial starts a new sentence.
var fnWords = wordSet(`a an the this that these those i you he she it we they me him her us
	them my your his its our their there here what when where who whom whose why how which whether
	if but and or nor so yet because although though while as once then now still also however
	meanwhile moreover furthermore nevertheless nonetheless instead otherwise thus therefore hence
	indeed besides anyway finally later today yesterday tomorrow earlier afterwards after before
	during since until unless in on at by from to with without within of about over under into onto
	among between against despite through throughout toward towards upon is are was were be been
	am do does did done has have had will would can could shall should may might must not no yes
	let please some many most all both each every few several such only even just perhaps maybe
	another other others more much one none nobody nothing everyone everything someone something
	asked according
	он она оно они мы я вы ты это этот эта эти тот та те то там тут
	здесь так как когда где куда откуда кто что чем почему зачем но и а или однако также тоже затем
	потом теперь сейчас ещё уже в во на по с со к ко о об обо от до из за для при после перед через
	у не ни же ли бы если хотя поэтому поскольку кроме среди между все всё его её их наш ваш мой
	был была было были будет есть нет да вот ведь лишь только даже пока`)

// surnameEnds are the endings of most Russian, Ukrainian and Georgian
// surnames, in every case a news text puts them in.
var surnameEnds = strings.Fields(`ов ова ову овым ев ева еву евым ёв ёва ин ина ину иным ын ына ский ская
	ского ской скому цкий цкая цкого ых их енко ко ук юк ич вич ян дзе швили`)

// weekdays, with months and time zones, may follow a clock time.
var weekdays = wordSet(`monday tuesday wednesday thursday friday saturday sunday
	mon tue tues wed thu thur thurs fri sat sun`)

// prepositions open the time or place phrase that may lead a sentence
// (At 5 a.m. Mr. Smith…, В 2010–2012 гг. Виктор…).
var prepositions = wordSet(`at in on by from since until till after before around about for
	near through during в во с со до от по на к ко за после около через`)

// months, in the forms a date names them (12 марта, March 12).
var months = wordSet(`january february march april may june july august september october
	november december jan feb mar apr jun jul aug sep sept oct nov dec
	января февраля марта апреля мая июня июля августа сентября октября ноября декабря
	янв фев мар апр май июн июл авг сен сент окт ноя нояб дек`)
