package digest

import "regexp"

// authorViewRe is the note a publisher puts under a column or an op-ed to
// say the views in it are its writer's ("The opinions expressed are his
// own", "Мнение автора может не совпадать с позицией редакции",
// "見解は筆者個人のもの"). It marks the whole item as opinion, whatever
// section the link lies in, and is itself never a fact of a brief.
var authorViewRe = regexp.MustCompile(`(?i)\b(?:the )?(?:opinions?|views?) expressed (?:here |herein |in this (?:article|column|piece|commentary) )?(?:are|is) (?:(?:solely|entirely) )?(?:(?:his|her|their|my) own|(?:those|that) of the (?:author|writer)s?|the (?:author|writer)'?s'? own)|^\(?the (?:author|writer) is an? (?:[\p{L}-]+ ){0,6}(?:columnist|contributor|commentator)\b|мнение автора (?:может )?не (?:обязательно )?совпада(?:ет|ть) с (?:позицией|мнением|точкой зрения) редакции|точка зрения автора (?:может )?не совпада(?:ет|ть)|見解は(?:筆者|著者)(?:個人)?の`)
