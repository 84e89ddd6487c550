package suggest

import "testing"

// TestQuotesByLanguage holds short sentences written the way each
// language's newsrooms attribute quotes: speech verbs in the past and the
// present, both genders, subject after the verb, colon-led quotes, "so X"
// and its kin, dash incises, role nouns resolved to the named holder,
// pronouns across sentences, organisations and anonymous sources.
func TestQuotesByLanguage(t *testing.T) {
	tests := []struct {
		name string
		lang string
		text string
		want []quoteWant
	}{
		// Dutch
		{"DutchZeiAfter", "nl", "‘We gaan hier niet mee akkoord’, zei burgemeester Jan de Vries dinsdag.",
			[]quoteWant{{text: "We gaan hier niet mee akkoord", speaker: "Jan de Vries"}}},
		{"DutchAldusRole", "nl", "Wethouder Pieter van den Berg (VVD) opende de brug. ‘Dit is een mooie dag voor de stad’, aldus de wethouder.",
			[]quoteWant{{text: "Dit is een mooie dag voor de stad", speaker: "Pieter van den Berg"}}},
		{"DutchVolgens", "nl", "Volgens Anouk Jansen is de regeling “volstrekt onduidelijk”.",
			[]quoteWant{{text: "volstrekt onduidelijk", speaker: "Anouk Jansen"}}},
		{"DutchSeparableVerbPronoun", "nl", "Anouk Jansen is woordvoerder van de provincie. ‘We kijken ernaar’, voegde ze eraan toe.",
			[]quoteWant{{text: "We kijken ernaar", speaker: "Anouk Jansen"}}},
		{"DutchColonRole", "nl", "Directeur Karin Smit van het ziekenhuis zegt: ‘De wachtlijsten zijn te lang.’",
			[]quoteWant{{text: "De wachtlijsten zijn te lang.", speaker: "Karin Smit"}}},
		{"DutchOrganisationSpokesman", "nl", "‘Wij betreuren de gang van zaken’, laat een woordvoerder van de gemeente Amersfoort weten.",
			[]quoteWant{{text: "Wij betreuren de gang van zaken", speaker: "gemeente Amersfoort"}}},
		{"DutchAnonymous", "nl", "‘Iedereen wist het’, zegt een medewerker die niet met naam in de krant wil.",
			[]quoteWant{{text: "Iedereen wist het"}}},

		{"DutchPronounAfterAnonymousSource", "nl", "Jan Bakker runt het café aan de haven. Een buurvrouw die niet met naam genoemd wil worden, zag de vlammen. ‘Het ging zo snel’, zei ze.",
			[]quoteWant{{text: "Het ging zo snel"}}},

		{"DutchVerbSecondPronoun", "nl", "Jan Bakker werkte dertig jaar in de fabriek. Na de Vergadering zei hij: ‘Dit doet pijn.’",
			[]quoteWant{{text: "Dit doet pijn.", speaker: "Jan Bakker"}}},

		// German
		{"GermanSoRole", "de", "Oberbürgermeisterin Katrin Vogel (SPD) verteidigte den Plan. „Wir haben keine Wahl“, so die Oberbürgermeisterin.",
			[]quoteWant{{text: "Wir haben keine Wahl", speaker: "Katrin Vogel"}}},
		{"GermanZufolge", "de", "Dem Sprecher Tobias Kern zufolge sei die Lage „unter Kontrolle“.",
			[]quoteWant{{text: "unter Kontrolle", speaker: "Tobias Kern"}}},
		{"GermanHeisstEsOrg", "de", "Die Stadtwerke Lindau erhöhen die Preise. „Wir bedauern diesen Schritt“, heißt es in einer Mitteilung der Stadtwerke.",
			[]quoteWant{{text: "Wir bedauern diesen Schritt", speaker: "Stadtwerke Lindau"}}},
		{"GermanFuegteHinzu", "de", "Richterin Petra Lang verkündete das Urteil. „Die Beweislage ist eindeutig“, fügte sie hinzu.",
			[]quoteWant{{text: "Die Beweislage ist eindeutig", speaker: "Petra Lang"}}},
		{"GermanSpokesmanOfOrg", "de", "„Wir prüfen den Vorfall“, sagte ein Sprecher der Polizei Freiburg.",
			[]quoteWant{{text: "Wir prüfen den Vorfall", speaker: "Polizei Freiburg"}}},

		{"GermanCompoundTitle", "de", "„Das Urteil ist ein Signal“, sagte die Aufsichtsratsvorsitzende Julia Brandt. „Betrug lohnt sich nicht“, so Brandt.",
			[]quoteWant{{text: "Das Urteil ist ein Signal", speaker: "Julia Brandt"}, {text: "Betrug lohnt sich nicht", speaker: "Julia Brandt"}}},

		// Spanish
		{"SpanishVerbBeforeSubjectAdverb", "es", "«Nadie nos avisó», explicó este martes la alcaldesa, María Gómez.",
			[]quoteWant{{text: "Nadie nos avisó", speaker: "María Gómez"}}},
		{"SpanishColonName", "es", "El portavoz del PP, Luis Sanz: «Es una vergüenza».",
			[]quoteWant{{text: "Es una vergüenza", speaker: "Luis Sanz"}}},
		{"SpanishAnonymousSources", "es", "Fuentes de la Consejería, que pidieron no ser identificadas, dijeron que «no hay dinero».",
			[]quoteWant{{text: "no hay dinero"}}},
		{"SpanishOrganisation", "es", "El Ayuntamiento de Soria defendió en un comunicado que «la obra es necesaria».",
			[]quoteWant{{text: "la obra es necesaria", speaker: "Ayuntamiento de Soria"}}},

		{"SpanishHeadlineColonEchoesBody", "es", "Sindicato: «No aceptaremos despidos»\n\nLa planta cerrará en mayo. «No aceptaremos despidos en la planta», dijo el secretario general del gremio, Ramón Ortiz.",
			[]quoteWant{{text: "No aceptaremos despidos", speaker: "Ramón Ortiz"}, {text: "No aceptaremos despidos en la planta", speaker: "Ramón Ortiz"}}},

		// US English
		{"EnglishSaidNameAge", "en", `"We did everything right," said Mark Jensen, 54, who has farmed the land for 30 years.`,
			[]quoteWant{{text: "We did everything right,", speaker: "Mark Jensen"}}},
		{"EnglishSpokesmanOfOrg", "en", `"We are reviewing the video," a spokesman for the Dayton Police Department said.`,
			[]quoteWant{{text: "We are reviewing the video,", speaker: "Dayton Police Department"}}},
		{"EnglishOrgSpokesmanBefore", "en", `A Marchwood Water spokesman said: "Bills will rise."`,
			[]quoteWant{{text: "Bills will rise.", speaker: "Marchwood Water"}}},
		{"EnglishPossessiveNotSpeaker", "en", `Ruby Parkes was hurt. "He would not let go," said Ruby's mother, Jodie Parkes.`,
			[]quoteWant{{text: "He would not let go,", speaker: "Jodie Parkes"}}},
		{"EnglishTitleMP", "en", `Local MP Daniel Ashworth called the case "a national scandal".`,
			[]quoteWant{{text: "a national scandal", speaker: "Daniel Ashworth"}}},
		{"EnglishSourceClose", "en", `A source close to the star told the paper: "She was spending like she was still on the show."`,
			[]quoteWant{{text: "She was spending like she was still on the show."}}},
		{"EnglishHeadlineEcho", "en", "Mayor: 'We will rebuild'\n\n“We will rebuild, whatever it costs,” Mayor Ann Lee said on Monday.",
			[]quoteWant{{text: "We will rebuild", speaker: "Ann Lee"}, {text: "We will rebuild, whatever it costs,", speaker: "Ann Lee"}}},

		{"EnglishPlaceRunsIntoNameAfterPreposition", "en", "Prosecutors charged the former treasurer of Pell County Dana Whitfield with theft. Dana Whitfield, 52, was released on bail. “I did nothing wrong,” Whitfield said.",
			[]quoteWant{{text: "I did nothing wrong,", speaker: "Dana Whitfield"}}},

		{"EnglishIndefiniteCapitalisedSourceAnonymous", "en", "A Tesco Worker, who asked not to be named, said: “We were told nothing.”",
			[]quoteWant{{text: "We were told nothing."}}},

		{"EnglishOrganisationTitleName", "en", "“We will appeal,” Union President Dana Cole said.",
			[]quoteWant{{text: "We will appeal,", speaker: "Dana Cole"}}},

		// Italian
		{"ItalianHaAggiuntoIncise", "it", "Il sindaco Marco Rossi ha parlato in aula. «Non torneremo indietro – ha aggiunto – perché i dati parlano chiaro».",
			[]quoteWant{{text: "Non torneremo indietro", speaker: "Marco Rossi"}, {text: "perché i dati parlano chiaro", speaker: "Marco Rossi"}}},
		{"ItalianPerName", "it", "Per Fabio Locatelli, segretario del sindacato, «i lavoratori non possono pagare».",
			[]quoteWant{{text: "i lavoratori non possono pagare", speaker: "Fabio Locatelli"}}},
		{"ItalianColonRoleSurname", "it", "La sindaca Chiara Valsecchi ha firmato.\n\nLa sindaca Valsecchi: «Una scelta di civiltà».",
			[]quoteWant{{text: "Una scelta di civiltà", speaker: "Chiara Valsecchi"}}},
		{"ItalianAdverbBeforeSubject", "it", "“Un sistema collaudato”, aveva sostenuto in aula la pm Silvia Dal Bosco.",
			[]quoteWant{{text: "Un sistema collaudato", speaker: "Silvia Dal Bosco"}}},
		{"ItalianOrgNote", "it", "Il Consorzio di bonifica Val Sorba ha ridotto i prelievi. «Non possiamo garantire l’acqua», si legge nella nota del Consorzio.",
			[]quoteWant{{text: "Non possiamo garantire l’acqua", speaker: "Consorzio di bonifica Val Sorba"}}},

		// Polish
		{"PolishDashIncise", "pl", "„To polityczna zemsta – powiedział po sesji Tomasz Wróbel. – Nikt nie wskazał zarzutu”.",
			[]quoteWant{{text: "To polityczna zemsta", speaker: "Tomasz Wróbel"}, {text: "Nikt nie wskazał zarzutu", speaker: "Tomasz Wróbel"}}},
		{"PolishDashAfterRole", "pl", "„Płaciliśmy za gaz 34 mln zł” – mówi prezes huty Andrzej Mazur.",
			[]quoteWant{{text: "Płaciliśmy za gaz 34 mln zł", speaker: "Andrzej Mazur"}}},
		{"PolishDroppedSubject", "pl", "Ewa Kaczmarek kieruje związkiem. „Tu pracują całe rodziny” – dodała.",
			[]quoteWant{{text: "Tu pracują całe rodziny", speaker: "Ewa Kaczmarek"}}},
		{"PolishWedlugInflected", "pl", "Tomasz Wróbel jest burmistrzem. Według Wróbla „to była zemsta”.",
			[]quoteWant{{text: "to była zemsta", speaker: "Tomasz Wróbel"}}},
		{"PolishOrgZe", "pl", "Fundacja Dobre Sąsiedztwo przypomina w komunikacie, że „nikt się nie obrazi”.",
			[]quoteWant{{text: "nikt się nie obrazi", speaker: "Fundacja Dobre Sąsiedztwo"}}},
		{"PolishRoleNoun", "pl", "Badaczka Marta Sikora liczy żubry. „Populacja rośnie” – dodaje badaczka.",
			[]quoteWant{{text: "Populacja rośnie", speaker: "Marta Sikora"}}},
		{"PolishAnonymous", "pl", "Jeden z pracowników, który nie chciał podawać nazwiska, mówi, że „wszyscy czuli, że to nadchodzi”.",
			[]quoteWant{{text: "wszyscy czuli, że to nadchodzi"}}},

		// French, Portuguese, Russian
		{"FrenchSelonRole", "fr", "La maire Sophie Leroy a présenté le projet. Selon la maire, « le tramway arrivera en 2027 ».",
			[]quoteWant{{text: "le tramway arrivera en 2027", speaker: "Sophie Leroy"}}},
		{"FrenchPronounAfterAnonymousSource", "fr", "Marc Petit tient le café du port. Une habitante, qui a requis l'anonymat, raconte que l'eau était brune. « Personne ne nous a prévenus », dit-elle.",
			[]quoteWant{{text: "Personne ne nous a prévenus"}}},
		{"PortuguesePersonOfInstitution", "pt", "Segundo o economista Paulo Mendes da Universidade Federal, a maioria “encontra outro emprego em semanas”. “O mercado está aquecido”, disse ele.",
			[]quoteWant{{text: "encontra outro emprego em semanas", speaker: "Paulo Mendes"}, {text: "O mercado está aquecido", speaker: "Paulo Mendes"}}},
		{"FrenchStandfirstUnnamedEchoesBody", "fr", "Un élu a qualifié le budget de « chèque en blanc pour dix ans ».\n\nLe conseil a voté le budget. L'élu Marc Caron a voté contre : « C'est un chèque en blanc pour dix ans », a-t-il déclaré.",
			[]quoteWant{{text: "chèque en blanc pour dix ans", speaker: "Marc Caron"}, {text: "C'est un chèque en blanc pour dix ans", speaker: "Marc Caron"}}},
		{"PortugueseAskedPromised", "pt", "“Por que esperaram tanto?”, perguntou o médico Rui Lopes. O secretário Davi Rocha visitou o hospital. “Nenhum leito vai faltar”, prometeu.",
			[]quoteWant{{text: "Por que esperaram tanto?", speaker: "Rui Lopes"}, {text: "Nenhum leito vai faltar", speaker: "Davi Rocha"}}},
		{"PortugueseSegundoOrg", "pt", "A Prefeitura de Vila Serrana informou, em nota, que “o reajuste será pago em abril”.",
			[]quoteWant{{text: "o reajuste será pago em abril", speaker: "Prefeitura de Vila Serrana"}}},
		{"SpanishKindResolvedToNamedBody", "es", "Según la consejería de Sanidad de Castilla, los casos bajan. «La tendencia es buena», explicó la consejería en un comunicado.",
			[]quoteWant{{text: "La tendencia es buena", speaker: "consejería de Sanidad de Castilla"}}},
		{"EnglishInitialsAfterArticle", "en", "Workers met on Monday. The TUC said the cuts were “a betrayal of the workforce”.",
			[]quoteWant{{text: "a betrayal of the workforce", speaker: "TUC"}}},
		{"FrenchKindBeforeNameIsNoPartOfIt", "fr", "Le groupe Valcarton a repris l’usine en 2019. « Nous investirons », a assuré le groupe.",
			[]quoteWant{{text: "Nous investirons", speaker: "Valcarton"}}},
		{"ItalianAnonymousInAName", "it", "Il difensore Marco Bellini ha spiegato che il suo cliente frequenta gli Alcolisti Anonimi da un anno. «Vuole rimediare», ha aggiunto.",
			[]quoteWant{{text: "Vuole rimediare", speaker: "Marco Bellini"}}},
		{"EnglishLettersAfterName", "en", "“We were never consulted,” said Jane Okafor MP. “Nobody asked us.”",
			[]quoteWant{{text: "We were never consulted,", speaker: "Jane Okafor"}, {text: "Nobody asked us.", speaker: "Jane Okafor"}}},
		{"EnglishPluralPossessiveInName", "en", "In a statement, the Riverside Tenants’ Association said: “The rent rise is unacceptable.”",
			[]quoteWant{{text: "The rent rise is unacceptable.", speaker: "Riverside Tenants’ Association"}}},
		{"PortugueseFeminineArticleAfterVerb", "pt", "A fábrica fechou em maio. “Vamos recorrer da decisão”, declarou a Metalúrgica Boa Vista em nota.",
			[]quoteWant{{text: "Vamos recorrer da decisão", speaker: "Metalúrgica Boa Vista"}}},
		{"SpanishOneWordHeadlineEchoesBody", "es", "Una concejala dice sentir «indignación»\n\nEl pleno aprobó la subida. «Es una indignación que cobremos más», afirmó la concejala Marta Ruiz.",
			[]quoteWant{{text: "indignación", speaker: "Marta Ruiz"}, {text: "Es una indignación que cobremos más", speaker: "Marta Ruiz"}}},
		{"SpanishOfficeThenHolderInApposition", "es", "Los sindicatos pidieron al Ministro de Industria, Carlos Ferrer, que visite la planta. El ministro dijo que el Gobierno «hará su parte».",
			[]quoteWant{{text: "hará su parte", speaker: "Carlos Ferrer"}}},
		{"SpanishPersonNounAfterQuote", "es", "El concejal de Hacienda, Tomás Varela, defendió la subida. «No hemos tocado los impuestos en diez años», añadió el político.",
			[]quoteWant{{text: "No hemos tocado los impuestos en diez años", speaker: "Tomás Varela"}}},
		{"ItalianColonAfterClause", "it", "Il comitato ha chiesto nuovi controlli. L’assessora Giulia Ferri (Pd) è rimasta prudente: «Aspettiamo i dati dell’Arpa prima di decidere».",
			[]quoteWant{{text: "Aspettiamo i dati dell’Arpa prima di decidere", speaker: "Giulia Ferri"}}},
		{"EnglishColonAfterClauseWithApposition", "en", "Its general secretary, Mark Doyle, who has led the union since 2019, went further: “This is a betrayal.”",
			[]quoteWant{{text: "This is a betrayal.", speaker: "Mark Doyle"}}},
		{"FrenchRoleOfPartyThenName", "fr", "« Nous voterons contre ce budget », a déclaré le président du groupe Écologistes, Julien Morel, mardi soir.",
			[]quoteWant{{text: "Nous voterons contre ce budget", speaker: "Julien Morel"}}},
		{"EnglishRoleOfNamedBodyThenName", "en", "“We will not support this budget,” said the leader of Labour, Ruth Kelly, on Tuesday.",
			[]quoteWant{{text: "We will not support this budget,", speaker: "Ruth Kelly"}}},
		{"PortugueseSubjectThenTwoVerbs", "pt", "O diretor Paulo Reis falou com a imprensa. O Sindicato dos Bancários de Vila Nova rejeitou a proposta e falou em “traição”.",
			[]quoteWant{{text: "traição", speaker: "Sindicato dos Bancários de Vila Nova"}}},
		{"ItalianRelativeClauseCue", "it", "La sindaca Anna Riva ha firmato l’ordinanza. L’Ordine dei Medici di Valsorba ha sostenuto la scelta con una nota, nella quale afferma che «i dati sono preoccupanti».",
			[]quoteWant{{text: "i dati sono preoccupanti", speaker: "Ordine dei Medici di Valsorba"}}},
		{"SpanishLongThatClauseBeforeQuote", "es", "La directora comercial, Elena Soto, afirmó en una entrevista con una radio local que la fábrica podría volver a contratar «si el mercado se recupera».",
			[]quoteWant{{text: "si el mercado se recupera", speaker: "Elena Soto"}}},
		{"SpanishStandfirstPartialTakesBodyName", "es", "La oposición vota en contra y habla de un plan «hecho a medida»\n\nLa portavoz socialista, Marta Ibáñez, ha calificado el plan de «hecho a medida» para la constructora.",
			[]quoteWant{{text: "hecho a medida", speaker: "Marta Ibáñez"}, {text: "hecho a medida", speaker: "Marta Ibáñez", nth: 1}}},
		{"ItalianHeadlineColonOrgGivesWayToBody", "it", "L’Asl: «Mancano i medici»\n\nIl pronto soccorso dell’Asl Varena chiude di notte. «Mancano i medici e non possiamo fare altro», ha spiegato il direttore generale dell’Asl, Paolo Venturi.",
			[]quoteWant{{text: "Mancano i medici", speaker: "Paolo Venturi"}, {text: "Mancano i medici e non possiamo fare altro", speaker: "Paolo Venturi"}}},
		{"ItalianChiedeAfterQuestion", "it", "«Mia madre ha 86 anni. Come la portiamo a Borgo?», chiede Giulia Sartori, che gestisce il bar.",
			[]quoteWant{{text: "Mia madre ha 86 anni. Come la portiamo a Borgo?", speaker: "Giulia Sartori"}}},
		{"ItalianChiedeIsAskingFor", "it", "Per il Comitato Salviamo il Lago, che da anni chiede di ridurre i prelievi, «la politica si sveglia tardi».",
			[]quoteWant{{text: "la politica si sveglia tardi", speaker: "Comitato Salviamo il Lago"}}},
		{"SpanishSeHaPreguntadoNoSubject", "es", "La portavoz socialista, Marta Ibáñez, ha calificado el plan de «hecho a medida». «¿Por qué no se ha sacado a concurso?», se ha preguntado.",
			[]quoteWant{{text: "hecho a medida", speaker: "Marta Ibáñez"}, {text: "¿Por qué no se ha sacado a concurso?", speaker: "Marta Ibáñez"}}},
		{"ItalianFaSapereEnte", "it", "La Provincia di Varena ha stanziato 600mila euro per i lavori urgenti. «Faremo tutto il possibile per riaprire la strada», fa sapere l’ente in una nota.",
			[]quoteWant{{text: "Faremo tutto il possibile per riaprire la strada", speaker: "Provincia di Varena"}}},
		{"SpanishLaEmpresaIsTheSubjectBefore", "es", "Inmoalcor ha rechazado las acusaciones. «Concurrimos en igualdad de condiciones», ha señalado la empresa en un comunicado.",
			[]quoteWant{{text: "Concurrimos en igualdad de condiciones", speaker: "Inmoalcor"}}},
		{"SpanishLaEmpresaNameIsTheName", "es", "La empresa Recialcor ya fue multada en 2021. La empresa, que da trabajo a 46 personas, asegura que «toda la instalación cumplía la normativa».",
			[]quoteWant{{text: "toda la instalación cumplía la normativa", speaker: "Recialcor"}}},
		{"EnglishTheCompanyAfterDateline", "en", "MILLBROOK — Crestfield Logistics will close its distribution center by May 17, according to a notice filed with the state Department of Workforce Development.\n\nIn a statement, the company called the closure “a difficult decision driven by a changing freight market”.",
			[]quoteWant{{text: "a difficult decision driven by a changing freight market", speaker: "Crestfield Logistics"}}},
		{"EnglishTheUnionIsTheAcronymBefore", "en", "SIPTU organiser Fergal Daly said the news had come “like a bolt from the blue”.\n\nThe union said it would seek “far more than the statutory minimum” in redundancy talks.",
			[]quoteWant{{text: "like a bolt from the blue", speaker: "Fergal Daly"}, {text: "far more than the statutory minimum", speaker: "SIPTU"}}},
		{"SpanishPossessiveRoleThenName", "es", "La asociación de pacientes Alcor Sano ha registrado 240 reclamaciones. «Nadie nos escucha», ha lamentado su presidenta, Pilar Navas.",
			[]quoteWant{{text: "Nadie nos escucha", speaker: "Pilar Navas"}}},
		{"SpanishLongRoleComplementThenName", "es", "Lucía Beltrán / Pablo Cuesta\n\n«La situación es insostenible», ha denunciado la delegada del Sindicato de Enfermería del Alcor en el hospital, Rosa Mediavilla.",
			[]quoteWant{{text: "La situación es insostenible", speaker: "Rosa Mediavilla"}}},
		{"ItalianColonAfterAdverbialsGoesOn", "it", "Il sindaco Luca Ferrandi ha parlato di «una pagina dolorosa per la città». Poi, in consiglio comunale: «Il Comune si costituirà parte civile».",
			[]quoteWant{{text: "una pagina dolorosa per la città", speaker: "Luca Ferrandi"}, {text: "Il Comune si costituirà parte civile", speaker: "Luca Ferrandi"}}},
		{"EnglishItAfterTheHospital", "en", "Patients waited at St Fionán’s University Hospital in Kilmorrow.\n\n“Go to your GP first,” the hospital said in a statement. It said it was “experiencing extreme pressure” this week.",
			[]quoteWant{{text: "Go to your GP first,", speaker: "St Fionán’s University Hospital"}, {text: "experiencing extreme pressure", speaker: "St Fionán’s University Hospital"}}},
		{"SpanishBylineIsNoAntecedent", "es", "La enfermera Ana Ruiz trabaja de noche en urgencias.\n\nLucía Beltrán / Pablo Cuesta\n\n«Estamos agotadas», ha dicho.",
			[]quoteWant{{text: "Estamos agotadas", speaker: "Ana Ruiz"}}},
		{"EnglishMagistrateAndCrAreTitles", "en", "“This was deliberate cruelty,” Magistrate Helen Prowse said. “It is a rort,” said Cr Nick Pezzutti.",
			[]quoteWant{{text: "This was deliberate cruelty,", speaker: "Helen Prowse"}, {text: "It is a rort,", speaker: "Nick Pezzutti"}}},
		{"GermanOfficeCompoundBeforeName", "de", "„Der Hang ist nicht stabil“, sagte Landesgeologe Michael Prenner. „Das Bad ist am Ende“, sagte Bürgermeisterin Mag. Andrea Pichler (ÖVP).",
			[]quoteWant{{text: "Der Hang ist nicht stabil", speaker: "Michael Prenner"}, {text: "Das Bad ist am Ende", speaker: "Andrea Pichler"}}},
		{"GermanPartyOfficeAndInitial", "de", "„Das ist Geldverschwendung“, sagte FPÖ-Stadtrat Herbert Zauner. „Es tut mir leid“, sagte der Angeklagte Gerhard K. vor Gericht.",
			[]quoteWant{{text: "Das ist Geldverschwendung", speaker: "Herbert Zauner"}, {text: "Es tut mir leid", speaker: "Gerhard K."}}},
		{"DutchPortfolioBeforeName", "nl", "De gemeenteraad keurde het parkeerplan van schepen van Mobiliteit Bart Claes (N-VA) goed. ‘We willen het centrum autovrij’, zegt Claes. ‘Dat is te duur’, zegt Groen-raadslid Jonas De Smet.",
			[]quoteWant{{text: "We willen het centrum autovrij", speaker: "Bart Claes"}, {text: "Dat is te duur", speaker: "Jonas De Smet"}}},
		{"RussianPoSlovam", "ru", "Мэр Андрей Ковалёв выступил в думе. «Бюджет сбалансирован», — сказал мэр.",
			[]quoteWant{{text: "Бюджет сбалансирован", speaker: "Андрей Ковалёв"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, Input{Text: tt.text, Lang: tt.lang}, tt.want)
		})
	}
}
