package suggest

import "strings"

// --- word lists ---

func qWordSet(lists ...string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			m[w] = true
		}
	}
	return m
}

var (
	qSayVerbs = qWordSet(
		// en
		`said says say saying added adds adding noted notes noting stated states warned warns warning insisted insists insisting
		wrote writes writing explained explains argued argues claimed claims declared declares announced announces asked asks
		replied replies responded responds continued commented comments remarked remarks observed observes acknowledged
		acknowledges admitted admits conceded concedes emphasised emphasized emphasises emphasizes stressed stresses recalled
		recalls tweeted tweets posted urged urges cautioned cautions predicted predicts suggested suggests agreed countered
		complained complains vowed vows promised promises boasted confirmed confirms lamented joked quipped shouted exclaimed
		whispered testified concluded reiterated reiterates maintained maintains contended asserted asserts alleged demanded
		pleaded mused wondered recounted recounts added explaining arguing
		pointed answered answers assured assures affirmed reflected summarized summarised texted emailed shared sighed laughed
		scoffed fumed raged blasted hit recalled explains noted stresses pleads testifies charged charges reported reports
		announced insisted stated states acknowledged conceded replied wrote`,
		// de
		`sagte sagt sagten sagen gesagt erklärte erklärt erklärten betonte betont betonten meinte meint schrieb schreibt
		warnte warnt kritisierte kritisiert forderte fordert erläuterte erläutert unterstrich räumte bekräftigte versicherte
		ergänzte ergänzt teilte berichtete antwortete entgegnete kommentierte mahnte verkündete twitterte sagt meinte
		hieß heißt hiess heisst zitiert sprach spricht findet fand
		fügte fügt ergänzten betonten gab gibt stellte stellt kündigte kündigt bestätigte bestätigt bestätigten berichtet erzählt
		erzählte erinnerte erinnert klagt klagte beklagt beklagte schimpfte äußerte äußert fragt fragte glaubt glaubte vermutet
		verspricht versprach versprachen appelliert appellierte mahnte bilanzierte resümierte unterstreicht wiederholte
		wiederholt hob wies warnten forderten kritisierten erklärt sagen sagt sagten räumt bekräftigt versichert antwortet
		entgegnet beschreibt urteilte urteilt gestand gesteht ergänzt teilt berichteten teilten zeigte
		schildert schilderte schilderten erzählt erzählten kritisiert kritisierten bedauert bedauerte appelliert
		unterstreicht resümiert bilanziert räumte warnt mahnt weiß sagte`,
		// fr
		`dit déclaré déclare affirmé affirme ajouté ajoute expliqué explique souligné souligne estimé estime indiqué indique
		assuré assure averti avertit insisté insiste écrit précisé précise lancé lance confié confie martelé martèle
		répondu répond rappelé rappelle dénoncé dénonce commenté commente annoncé annonce reconnu reconnaît poursuivi
		poursuit résumé tweeté regretté regrette jugé juge prévenu prévient observé raconte raconté glisse glissé interroge
		invoqué invoque promis promet appelle appelé salué salue contesté conteste jugeant estimant affirmant soulignant
		relevé relève plaidé plaide tranché tranche réagi réagit réagissait exprime exprimé détaille détaillé
		expliquant ajoutant déplore déploré s'inquiète inquiète félicite exclame`,
		// es
		`dijo dice decía afirmó afirma señaló señala declaró declara explicó explica aseguró asegura añadió añade agregó
		agrega advirtió advierte indicó indica insistió insiste manifestó manifiesta sostuvo sostiene subrayó subraya
		escribió escribe comentó comenta apuntó apunta expresó expresa destacó destaca precisó respondió responde
		recordó recuerda reconoció reconoce anunció anuncia denunció denuncia criticó concluyó dijeron afirmaron
		aseguran informó dicen afirman señalan explican indican sostienen advierten resume resumió admitió admite lamentó lamenta
		dicho afirmado declarado explicado señalado asegurado indicado añadido reconocido subrayado advertido insistido
		considera consideró estima estimó
		apostilló remachó zanjó matizó defendió defiende reclamó reclama pidió pide confesó relató relata cuenta contó
		sentenció avisó recalcó recalca incidió incide puntualizó expuso argumentó argumenta valoró valora celebró celebra
		reiteró reitera replicó replica opina opinó cree creía manifestado destacado comentado recordado anunciado denunciado
		criticado lamentado precisado apuntado expresado sostenido defendido reclamado relatado contado explicaron señalaron
		aseguraron indicaron apuntaron añadieron advirtieron denunciaron lamentaron reconocieron informaron critica
		insistieron afirmaba explicaba aseguraba decían preguntó preguntaron prometió prometieron promete
		recomendó recomienda sugirió sugiere aseveró acotó planteó plantea aclaró aclara detalló detalla enfatizó enfatiza
		preguntado pedido recalcado matizado zanjado sentenciado avisado valorado celebrado reiterado replicado
		opinado confesado puntualizado expuesto argumentado admitido concluido prometido escrito respondido agregado
		informado resumido insistido apostillado remachado`,
		// pt
		`disse diz dizia afirmou declarou explicou acrescentou acrescenta escreveu ressaltou ressalta destacou
		avaliou avalia garantiu garante alertou alerta completou disseram afirmaram comentou respondeu lembrou observou
		criticou informou dizem afirmam admitiu reconheceu avisou dito afirmado declarado explicado
		contou conta relatou relata defendeu defende ponderou pondera argumentou argumenta reforçou reforça frisou frisa
		salientou salienta concluiu lamentou lamenta pediu pede cobrou cobra apontou aponta sustentou sustenta comemorou
		perguntou prometeu prometeram sublinhou sublinha referiu refere adiantou adianta considerou considera assegurou
		assegura realçou realça notou afirma declara explica indicou indica revelou revela acusou acusa denunciou denuncia
		exige exigiu`,
		// it
		`detto dichiarato dichiara affermato afferma spiegato spiega aggiunto aggiunge sottolineato sottolinea scritto scrive
		commentato commenta precisato ribadito ribadisce osservato risposto risponde annunciato avvertito ricordato
		ricorda concluso rilevato assicurato
		dice dicono diceva dicevano sostenuto sostiene replicato replica ammesso ammette attaccato attacca raccontato racconta
		denunciato denuncia insistito insiste confermato conferma chiarito chiarisce evidenziato evidenzia incalzato incalza
		esprime espresso esprimono tuonato tuona lamentato lamenta rimarcato rimarca auspicato auspica garantito garantisce puntualizzato puntualizza
		osserva precisa annuncia avverte conclude rileva assicura spiegava raccontava ammonisce ammonito accusa accusato
		rivendica rivendicato promette promesso esordito esordisce incalzato dichiarano spiegano aggiungono sottolineano`,
		// nl
		`zei zeiden zegt zeggen gezegd verklaarde verklaarden verklaart vertelde vertelden vertelt stelde stelden stelt
		benadrukte benadrukt voegde voegt schreef schrijft schreven meldde meldt melden liet reageerde reageert reageerden
		waarschuwde waarschuwt legde legt erkende erkent antwoordde antwoordt vond vindt vinden concludeerde concludeert
		onderstreepte onderstreept beaamde beaamt opperde oppert merkte merkt gaf geeft riep roept beloofde belooft vroeg
		vraagt twitterde tweette verzekerde verzekert betoogde betoogt bevestigde bevestigt herhaalde herhaalt sprak spreekt
		oordeelde oordeelt klaagde klaagt kondigde lichtte verduidelijkte aldus zegde sprak benadrukten waarschuwden
		denkt dacht`,
		// pl
		`powiedział powiedziała powiedzieli powiedziały mówi mówią mówił mówiła mówili dodał dodała dodali dodaje dodają
		podkreślił podkreśliła podkreśla podkreślali zaznaczył zaznaczyła zaznacza przekonywał przekonywała przekonuje
		stwierdził stwierdziła stwierdza twierdzi twierdził twierdziła twierdzą uważa uważał uważała ocenił oceniła ocenia
		wyjaśnił wyjaśniła wyjaśnia tłumaczył tłumaczyła tłumaczy przyznał przyznała przyznaje zapowiedział zapowiedziała
		zapowiada poinformował poinformowała informuje napisał napisała napisali pisze odpowiedział odpowiedziała odpowiada
		zapytał zapytała pyta pytał pytała apelował apelowała apeluje ostrzegł ostrzegła ostrzega wskazał wskazała wskazuje
		zauważył zauważyła zauważa skomentował skomentowała komentuje przypomniał przypomniała przypomina zapewnił zapewniła
		zapewnia opowiada opowiadał opowiadała relacjonuje relacjonował relacjonowała powtarza powtórzył powtórzyła
		oświadczył oświadczyła zaapelował zaapelowała dodawał dodawała podsumował podsumowała uzasadniał uzasadniała zeznał
		zeznała zeznawał alarmuje alarmował przekazał przekazała przekazuje wyliczał wyliczała mówiąc dodając podkreślając`,
		// ru, uk
		`сказал сказала сказали заявил заявила заявили отметил отметила отметили подчеркнул подчеркнула добавил добавила
		добавили сообщил сообщила сообщили пояснил пояснила написал написала написали говорит говорят заявляет считает
		рассказал рассказала признал признала уточнил уточнила указал указала ответил ответила объяснил объяснила
		предупредил предупредила заметил заметила констатировал признался призналась признали сказав заявив зазначив додав повідомив
		говорил говорила рассказывает поделился поделилась считают уверен уверена подчеркивает отмечает добавляет пояснили`,
	)
	// qAskVerbs attribute a question only: "chiede" is to ask for, too.
	qAskVerbs = qWordSet(`chiede chiedono chiedeva domanda domandava pregunta preguntan demande demandait pergunta
		perguntam vraagt vroeg fragt pyta questiona questionou interroga interrogou`)
	qTellVerbs = qWordSet(`told tells tell informed reminded`)
	qCallVerbs = qWordSet(`called calls call described describes branded labelled labeled termed dubbed slammed spoke speaks blamed cited évoque évoqué évoquait
		nannte nennt bezeichnete bezeichnet sprach spricht qualifié qualifie qualifiait parle parlé calificó califica llamó definió
		define habló habla hablan calificado calificaron definido tachó tachado chamou classificou definiu define falou fala definito definisce definiscono definita definendo
		chiamato parla parlato parlano parlò noemde noemt noemen sprak spreekt nazwał nazwała nazwali nazywa określił określiła
		określa назвал назвала назвали`)
	qAccordingCues = qWordSet(`laut selon d'après según segundo conforme secondo volgens aldus według zdaniem`)

	qAnonymityMarks = []string{"anonymity", "not to be named", "declined to be named", "not authorized to", "not authorised to",
		"anonym", "nicht genannt werden", "vorgehaltener hand", "anonymat", "anonimato", "no dar su nombre", "no ser identificad",
		"não quis se identificar", "não ser identificad", "non essere identificat", "анонимн", "пожелавш", "не назвал",
		"anonim", "anoniem", "not to be identified", "not be identified", "not being identified", "not want to be named",
		"preferred not to", "asked that", "nicht namentlich", "namen nicht", "seinen namen", "ihren namen", "niet met naam",
		"niet bij naam", "naam niet", "zijn naam", "haar naam", "podawać nazwiska", "podać nazwiska", "nazwiska", "chce być",
		"non vuole essere", "preferisce non", "chiede di non", "chiesto di non", "prefirió no", "prefiere no", "pidió no",
		"quiso identificarse", "su nombre", "sous couvert", "sans être nommé", "ne pas être nommé", "preferiu não", "pediu para não",
		"give her name", "give his name", "give their name", "give a name", "gave no name", "declined to give"}
	// qSpokesNouns speak for an organisation: "a spokesman for the police"
	// is the police.
	qSpokesNouns = qWordSet(`spokesman spokeswoman spokesperson spokespeople representative sprecher sprecherin
		woordvoerder woordvoerster portavoz portavoce porte-parole porta-voz rzecznik rzeczniczka представитель`)
	// qStatementNouns are a body's written word: "in a statement from X".
	// qBodyHeads are words for a body that an article uses for the one it
	// just named ("the company", "la empresa", "l’ente", "o órgão"); after
	// such a word the name follows without a preposition ("la empresa
	// Recialcor"), and is the body's whole name.
	qBodyHeads = qWordSet(`company firm employer operator union body agency organisation organization group
		empresa compañía firma sindicato organismo órgano ente entidad institución constructora
		entreprise société groupe syndicat organisme
		unternehmen firma konzern gewerkschaft geschäftsführung betrieb verein
		bedrijf onderneming concern vakbond
		azienda società ente sindacato amministrazione
		companhia órgão entidade
		spółka związek`)
	// qRoleSynonyms name the same office another way, for "the magistrate"
	// after "Judge …" was named.
	qRoleSynonyms = map[string]string{"magistrado": "juiz", "magistrada": "juíza", "magistrate": "judge",
		"magistrato": "giudice", "magistrat": "juge", "magistratin": "richterin", "primer": "alcalde",
		"edil": "alcalde", "edile": "sindaco", "regidor": "alcalde", "burgomaestre": "alcalde"}
	// qLegalForms end a company's name in lower case or capitals.
	qLegalForms = qWordSet(`spa srl gmbh ag bv nv plc ltd inc sarl sas llc`)
	// qBylineWords join the writers' names in a byline.
	qBylineWords    = qWordSet(`by and von und por y e par et di door en i и`)
	qStatementNouns = qWordSet(`statement release mitteilung pressemitteilung erklärung stellungnahme verklaring persbericht
		aussendung presseaussendung
		bericht nota comunicato comunicado communiqué komunikat oświadczeniu oświadczenie komunikacie сообщении заявлении`)
	// qTimeWords may stand between a speech verb and its subject.
	qTimeWords = qWordSet(`yesterday today tonight gestern heute gisteren vandaag ayer hoy ieri oggi wczoraj dziś dzisiaj hier
		ontem hoje вчера сегодня`)
	qNamingWords = qWordSet(`titled entitled named dubbed nicknamed intitulé intitulée baptisé baptisée titulado titulada intitulado intitulada intitolato intitolata namens под названием`)
	// qClitics are object pronouns before a verb: "Tellado lo calificó de …".
	qClitics = qWordSet(`lo la le los las les lui leur li gli ne lhe lhes l' l'a ci si mi mu jej im nam mi`)
	// qObjects are object pronouns after a speech verb ("powiedział nam",
	// "told us", "zei hij ons"): not the speaker.
	qObjects    = qWordSet(`us him them uns mir ihm ihnen ons hem hun nam mi mu nos leur ci nous vous lhe lhes нам мне ему ей`)
	qAsWords    = qWordSet(`as als comme como come как`)
	qKnownWords = qWordSet(`known referred bekannt connu connue conocido conocida conhecido conhecida noto nota известен известная`)
	qNickVerbs  = qWordSet(`nennen nennt nannten genannt surnomment surnommé apodan apodado apelidam chiamano называют`)

	qPronouns = qWordSet(`he she they it er sie es il elle ils elles on él ella ellos ellas ele ela eles elas lui lei loro он она они оно
		hij zij ze ona oni one ono`)
	// qInvertedSubjects are the subject pronouns that follow the verb in
	// a verb-second clause ("Dann sagte sie", "Daarna zei hij").
	qInvertedSubjects = qWordSet(`er sie hij zij ze`)
	qGroupPronouns    = qWordSet(`they it es ils elles ellos ellas eles elas loro они оно oni one ono`)
	qDeterminers      = qWordSet(`este esta estos estas ese esa esos esas aquel aquella ce cet cette ces dieser diese dieses questo questa quel quella
		the this that these his her its their der die das den dem des le la les l' el los las lo o os as il gli i lo`)
	// qPossessiveDets are each language's possessive determiners ("ha
	// lamentado su presidenta, Pilar Navas"), by language: "su" is a
	// preposition in Italian, "son" a noun in English.
	qPossessiveDets = map[string]map[string]bool{
		"es": qWordSet(`su sus`),
		"fr": qWordSet(`son sa ses leur leurs`),
		"pt": qWordSet(`seu sua seus suas`),
		"it": qWordSet(`suo sua suoi sue loro`),
		"de": qWordSet(`sein seine seinem seinen seiner ihre ihrem ihren ihrer`),
		"nl": qWordSet(`zijn haar hun`),
		"pl": qWordSet(`jego jej ich`),
	}
	// qDutchDeterminers are Dutch articles that are other languages'
	// prepositions ("de") or pronouns.
	qDutchDeterminers = qWordSet(`de het deze dit die dat`)
	qIndefinites      = qWordSet(`a an one some several two three many ein eine einer einen einem un une des uno una unos unas um uma alguns algumas
		een enkele jeden jedna jedno jedna jednego jednej`)
	qAnonHeads = qWordSet(`source sources official officials person people insider insiders diplomat diplomats witness witnesses resident residents
		critics opponents supporters experts analysts observers activists campaigners neighbour neighbours neighbor neighbors
		bron bronnen ingewijden ingewijde buurtbewoner buurtbewoners omwonenden omwonende bewoner bewoners
		anwohner anwohnerin anwohnende augenzeuge augenzeugin augenzeugen beobachter kritiker zeuge zeugin zeugen passant passantin
		vecino vecina vecinos vecinas testigo testigos
		źródło źródła mieszkaniec mieszkanka mieszkańcy świadek świadkowie pracownik pracownica pracownicy
		residente residenti testimone testimoni abitante abitanti
		quelle quellen kreise insider source sources responsable responsables fuente fuentes fonte fontes fonti fonte источник источники`)
	qConjunctions = qWordSet(`and und et y e и i`)
	qConnectors   = qWordSet(`of for de del della dei di da do dos das du van von der den ter bin ibn al el la le lo y dal dalla 't`)
	qPrepositions = qWordSet(`of in on at to for from with by during after before about over under into near than
		in im am an auf aus bei mit nach von vom zu zum zur für über unter vor gegenüber
		à au aux dans sur sous avec pour par en de du des lors après avant pendant devant
		en con por para de del al a entre durante tras desde sobre hacia ante
		em no na nos nas com por para de do da dos das ao
		a in con per da di del della al alla nel nella su
		в на с к из от до за для о об по при перед
		van op met voor bij aan naar over uit door tegen om tot na onder sinds tijdens rond namens
		w z na do od dla przy po przez podczas pod nad przed u wobec według`)
	qClauseStops = qWordSet(`that which who whom whose because but when while as if since though although where what how
		dass weil aber wenn als wie ob obwohl denn
		que qui mais quand lorsque car où comme
		que quien pero cuando porque donde como
		que quem mas quando porque onde
		che chi ma quando perché dove come
		что который которая которые но когда как где потому
		dat wat omdat maar toen terwijl waar hoe
		że który która które którzy ale gdy kiedy jak gdzie bo ponieważ czy
		was is are were be been will would could should can may might has have had`)
	qSkipBefore = qWordSet(`se also later then again previously earlier once recently repeatedly further often reportedly publicly
		only just simply merely s'est s'était s'étaient simplement seulement également ensuite brièvement simplemente solamente solo
		apenas ainda semplicemente soltanto anche ancora nur einfach lediglich alleen gewoon
		privately separately however has have had had was is would will today yesterday tonight himself herself themselves
		auch noch bereits zudem außerdem ebenfalls hat habe haben hatte hatten
		a avait ont aussi encore déjà
		ha han había ya también
		tem tinha também já
		ha hanno aveva anche già
		также тоже ещё уже
		ook nog eerder later heeft hebben had hadden is was werd wordt er
		się też także już jeszcze wcześniej później
		aveva avevano era è stato stata`)
	qFuncWords = qWordSet(
		`the a an and or but if in on at to of for with by from as is was were are be been has have had it its this that these those
		there their they he she we i you his her our my your after before during while when where what which who why how not no yes
		so than then also just only about over under into up out according said says mr mrs ms dr read more
		later earlier meanwhile however today yesterday now still yet instead separately previously afterwards here asked speaking
		später heute gestern dann danach zuvor außerdem ensuite puis hier aujourd'hui luego después ayer hoy además depois ontem hoje
		poi dopo ieri oggi позже вчера сегодня затем потом
		monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december`,
		`der die das den dem des ein eine einen einem einer eines und oder aber in im am an auf aus bei mit nach von vom zu zum zur
		für über unter vor durch gegen ohne um es er sie wir ich ihr sein seine ihre dieser diese dieses als wie wenn dass ob auch
		noch schon nur nicht kein keine so da dort hier heute gestern laut zufolge
		montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz mai juni juli oktober dezember`,
		`le la les l' un une des du de d' et ou mais dans sur sous avec pour par en au aux ce cet cette ces il elle ils elles nous
		vous je son sa ses leur leurs qui que quand comme si selon lundi mardi mercredi jeudi vendredi samedi dimanche janvier
		février mars avril mai juin juillet août septembre octobre novembre décembre`,
		`el la los las un una unos unas y o pero en con por para de del al a lo que como si cuando este esta estos estas ese esa
		su sus él ella ellos ellas según lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio
		julio agosto septiembre octubre noviembre diciembre`,
		`o a os as um uma e ou mas em no na nos nas com por para de do da dos das ao que como se quando este esta esse essa seu
		sua ele ela eles elas segundo segunda terça quarta quinta sexta sábado domingo janeiro fevereiro março abril maio junho
		julho agosto setembro outubro novembro dezembro`,
		`il lo la i gli le un una uno e o ma in con per da di del della dei delle al alla che come se quando questo questa quel
		suo sua lui lei loro secondo lunedì martedì mercoledì giovedì venerdì sabato domenica gennaio febbraio marzo aprile
		maggio giugno luglio agosto settembre ottobre novembre dicembre`,
		`и в во на с со по к ко из от до за для о об а но или что как это этот эта он она они мы я его её их не`,
		`de het een en of maar in op aan met voor van door bij naar uit over als dat die dit deze wat wie hij zij ze we wij ik
		je u hun haar zijn ons niet geen ook nog al volgens aldus maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
		januari februari maart april mei juni juli augustus september oktober november december`,
		`i w we z ze na do od dla przy po przez o a ale lub że to ten ta te jest był była nie się jak gdy czy według zdaniem
		poniedziałek wtorek środa czwartek piątek sobota niedziela styczeń luty marzec kwiecień maj czerwiec lipiec sierpień
		wrzesień październik listopad grudzień`,
	)
	qMonths = qWordSet(`januar februar märz april mai juni juli august september oktober november dezember
		janvier février mars avril juin juillet août septembre octobre novembre décembre
		enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre`)
	qAbbreviations = qWordSet(`mr mrs ms dr prof st gen sen rep gov lt col sgt capt cmdr adm jr sr inc ltd co corp no vs coun
		mag mmag dipl jan feb mar apr jun jul aug sep sept oct nov dec u.s m mme mlle hr fr sra srta dra sta ing av gral
		г ул им тов
		mec podkom kom nadkom insp asp st sierż hab inż tzw ok tys mln mld godz ul nr np dz prok sygn
		dott avv ing on sig sen
		mr ir drs ing dhr mevr burg wethr zgn
		bzw evtl ggf sog vgl`)
	// qPersonHeads are nouns for a person that no role's ending marks:
	// "a estimé l'élu" is the person last named
	qPersonHeads = qWordSet(`élu élue lawmaker legislator politician official politicien politicienne político política politico
		eleito eleita electo electa eletto eletta parlementaire parlamentario parlamentaria parlamentar`)
	// qRelatives open a relative clause whose subject is the sentence's
	// ("in which it said", "en el que señaló", "dans lequel il")
	qRelatives = qWordSet(`which whom que qual quale cui lequel laquelle lesquels lesquelles dem der welchem welcher waarin waarop`)
	// qThat opens reported speech after a speech verb
	qThat = qWordSet(`that que dass che dat że`)
	// qPostNominals are the letters after a person's name: senior
	// counsel, members of parliaments and assemblies
	qPostNominals = qWordSet(`sc qc kc mp td mep msp mla mpp ms mhk mna obe mbe cbe`)
	qTitles       = qWordSet(
		`executive manager coach president prime minister chancellor secretary spokesman spokeswoman spokesperson senator governor mayor general gen
		colonel col captain capt king queen prince princess pope judge justice rep sen gov dr mr mrs ms miss sir dame lord lady
		prof professor ceo chairman chairwoman chair director ambassador commissioner leader head chief envoy officer deputy vice
		foreign state sheikh emir premier attorney sheriff detective sergeant sgt lieutenant lt coach bishop cardinal rabbi imam
		presidential minister-president mp mep cllr councillor councilor councilman councilwoman alderman supt superintendent
		inspector insp det pc dean principal provost rev reverend pastor father trooper deputies sheriff's officer dept
		commander marshal counselor counsellor magistrate cr coroner constable coun td`,
		`herr frau präsident präsidentin kanzler kanzlerin minister ministerin bürgermeister bürgermeisterin sprecher sprecherin
		chef chefin vorsitzende vorsitzender ministerpräsident ministerpräsidentin
		landrat landrätin stadtrat stadträtin gemeinderat gemeinderätin staatsanwalt staatsanwältin oberstaatsanwalt
		oberstaatsanwältin richter richterin rechtsanwalt rechtsanwältin anwalt anwältin professorin trainer trainerin
		geschäftsführer geschäftsführerin abgeordnete abgeordneter dezernent dezernentin pfarrer pfarrerin arzt ärztin
		oberärztin oberarzt chefarzt chefärztin polizeisprecher polizeisprecherin stadtsprecher stadtsprecherin
		dipl nachbar nachbarin obmann obfrau landesrat landesrätin vizebürgermeister vizebürgermeisterin`,
		`m mme mlle me maître docteur président présidente ministre premier porte-parole maire général secrétaire directeur directrice
		délégué déléguée procureur procureure avocat avocate syndic syndique adjoint adjointe conseiller conseillère préfet préfète
		pdg député députée sénateur sénatrice juge commissaire`,
		`sr sra don doña presidente presidenta ministro ministra portavoz alcalde alcaldesa secretario secretaria director
		directora jefe jefa canciller concejal concejala consejero consejera fiscal juez jueza abogado abogada
		delegado delegada diputado diputada senador senadora portavoz entrenador entrenadora regidor regidora
		investigador investigadora doctor doctora profesor profesora catedrático catedrática teniente comisario comisaria`,
		`porta-voz prefeito prefeita senador senadora deputado deputada governador governadora vereador vereadora
		advogado advogada juiz juíza magistrado magistrada procurador procuradora autarca presidente ministro ministra`,
		`portavoce sindaco sindaca premier assessore assessora procuratore procuratrice pm gip gup giudice avvocato avvocata
		presidente segretario segretaria direttore direttrice consigliere consigliera capogruppo questore prefetto comandante
		ministro ministra deputato deputata senatore senatrice dottor dottoressa dott prof ing avv onorevole on
		amministratore ricercatore ricercatrice professore professoressa capitano tenente colonnello maresciallo brigadiere`,
		`burgemeester wethouder minister premier woordvoerder woordvoerster directeur directrice voorzitter officier rechter
		advocaat hoogleraar onderzoeker onderzoekster commissaris gedeputeerde raadslid fractievoorzitter politiewoordvoerder
		mr ir drs dhr mevr trainer coach kamerlid staatssecretaris schepen onderzoeksrechter procureur bezoeker bezoekster`,
		`prezes prezeska burmistrz wójt starosta radny radna sędzia prokurator rzecznik rzeczniczka przewodniczący
		przewodnicząca dyrektor dyrektorka minister wojewoda marszałek poseł posłanka senator nadleśniczy sołtys mec
		dr prof hab podkom kom nadkom insp asp sierż mł ks trener trenerka lekarz lekarka prezydent premier wiceprezes
		wiceburmistrz wicewojewoda badacz badaczka naukowiec adwokat obrońca`,
		`президент министр депутат судья адвокат премьер премьер-министр глава пресс-секретарь представитель мэр губернатор генерал председатель
		директор господин г-н канцлер`,
	)
	// qGermanDegrees are Austrian and German degrees written before a name
	// (Mag. Andrea Pichler, DI Karl Huber), other languages' words in lower case.
	qGermanDegrees = qWordSet(`mag mmag di dipl-ing ing`)
	// qWeakSuffixes end words for roles, and some first names: a role only before two names.
	qWeakSuffixes = []string{"er", "or", "ent", "ant", "ist", "ian", "back", "man", "woman", "erin", "in", "eur", "euse", "ice",
		"iste", "ien", "ienne", "ora", "ista", "ente", "ero", "era", "ario", "aria", "ário", "ária"}
	qTitleSuffixes = []string{"minister", "ministerin", "präsident", "präsidentin", "kanzler", "kanzlerin", "sprecher", "sprecherin",
		"chef", "chefin", "bürgermeister", "sekretär", "sekretärin", "leiter", "leiterin", "министр", "secretary",
		"woordvoerder", "woordvoerster", "voorzitter", "directeur", "wethouder", "meester", "sprecherin", "rzecznik", "rzeczniczka",
		// German compounds: Betriebsratsvorsitzende, Amtsrichterin, Fachanwalt
		"vorsitzende", "vorsitzender", "richter", "richterin", "anwalt", "anwältin", "direktor", "direktorin",
		// Vereinsobmann, Landesgeologe, Gemeinderätin
		"obmann", "obfrau", "geologe", "geologin", "stadtrat", "stadträtin", "gemeinderat", "gemeinderätin", "raadslid"}
	qOrgWords = qWordSet(`trust ministry court agency party union council bank university news company corporation group association
		committee department office government police army navy forces force times post kremlin inc ltd corp reuters afp bbc cnn
		organization organisation nations federation republic kingdom states commission parliament assembly senate congress
		institute foundation centre center service network channel tv radio press house agency authority board
		ministerium regierung polizei bundesregierung partei gericht
		ministère gouvernement police tribunal parti préfecture mairie agence région département syndicat association
		ministerio gobierno policía tribunal partido
		ministério governo polícia
		ministero governo polizia comune regione provincia procura tribunale sindacato azienda società ospedale università
		associazione comitato consorzio questura federazione cooperativa consiglio giunta confcommercio coldiretti cartiera
		gemeente provincie ministerie stichting hogeschool hochschule vereniging bond politie rechtbank ziekenhuis universiteit waterschap raad
		partij bedrijf kabinet omroep gemeentebestuur stadsbestuur bestuur ondernemingsraad parket
		verband verein stadt gemeinde landkreis kreis klinik klinikum amt stadtwerke staatsanwaltschaft landratsamt
		gewerkschaft bündnis unternehmen konzern verwaltung rathaus stadtverwaltung landesregierung
		ayuntamiento consejería asociación federación sindicato juzgado fiscalía guardia hospital empresa junta diputación
		confederación plataforma colegio universidad consejo
		prefeitura secretaria associação sindicato empresa hospital
		klub fundacja nadleśnictwo stowarzyszenie urząd ministerstwo sąd prokuratura policja związek spółka rada komenda
		szpital gmina starostwo huta zakład firma
		министерство правительство кремль мид суд партия`)
	qOrgSuffixes = []string{"ministerium", "regierung", "ministry", "министерство", "verband", "verwaltung", "gericht",
		"anwaltschaft", "ministerie", "politie"}
	qPlaceFirst = qWordSet(`north south east west new saint san santa los las hong el al united`)
	qScareCues  = qWordSet(`so-called sogenannte sogenannten sogenannter sogenanntes soi-disant prétendu prétendue supuesto supuesta
		llamado llamada cosiddetto cosiddetta chamado chamada так называемый так называемая называемых называемые называемой`)
	qTitleCues = qWordSet(`film films movie book novel song album series show play opera poem documentary essay headline
		operation operations campaign programme program law act bill project exhibition game titled entitled named dubbed
		nicknamed hashtag slogan motto brand newspaper magazine
		buch roman lied serie sendung operation gesetz titel kampagne programm projekt zeitung magazin genannt namens spitzname
		livre chanson opération loi série émission intitulé intitulée baptisé baptisée surnommé surnommée journal
		película libro novela canción operación ley serie programa titulado titulada apodado apodada bautizado periódico revista proyecto
		filme livro romance canção operação lei série intitulado intitulada apelidado apelidada jornal revista projeto
		romanzo canzone operazione legge intitolato intitolata soprannominato giornale rivista progetto
		фильм книга книги роман песня песни операция операции закон закона сериал программа газета газеты журнал проект названием прозвище акция`)
	qTitleNouns = qWordSet(`newspaper magazine daily film movie series show album campaign operation`)
)
