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
		pleaded mused wondered recounted recounts added explaining arguing`,
		// de
		`sagte sagt sagten sagen gesagt erklärte erklärt erklärten betonte betont betonten meinte meint schrieb schreibt
		warnte warnt kritisierte kritisiert forderte fordert erläuterte erläutert unterstrich räumte bekräftigte versicherte
		ergänzte ergänzt teilte berichtete antwortete entgegnete kommentierte mahnte verkündete twitterte sagt meinte
		hieß heißt zitiert sprach spricht findet fand`,
		// fr
		`dit déclaré déclare affirmé affirme ajouté ajoute expliqué explique souligné souligne estimé estime indiqué indique
		assuré assure averti avertit insisté insiste écrit précisé précise lancé lance confié confie martelé martèle
		répondu répond rappelé rappelle dénoncé dénonce commenté commente annoncé annonce reconnu reconnaît poursuivi
		poursuit résumé tweeté regretté regrette jugé juge prévenu prévient observé raconte raconté glisse glissé interroge
		invoqué invoque promis promet appelle appelé salué salue contesté conteste jugeant estimant affirmant soulignant
		expliquant ajoutant déplore déploré s'inquiète inquiète félicite exclame`,
		// es
		`dijo dice decía afirmó afirma señaló señala declaró declara explicó explica aseguró asegura añadió añade agregó
		agrega advirtió advierte indicó indica insistió insiste manifestó manifiesta sostuvo sostiene subrayó subraya
		escribió escribe comentó comenta apuntó apunta expresó expresa destacó destaca precisó respondió responde
		recordó recuerda reconoció reconoce anunció anuncia denunció denuncia criticó concluyó dijeron afirmaron
		aseguran informó dicen afirman señalan explican indican sostienen advierten resume resumió admitió admite lamentó lamenta
		dicho afirmado declarado explicado señalado asegurado indicado añadido reconocido subrayado advertido insistido
		considera consideró estima estimó`,
		// pt
		`disse diz dizia afirmou declarou explicou acrescentou acrescenta escreveu ressaltou ressalta destacou
		avaliou avalia garantiu garante alertou alerta completou disseram afirmaram comentou respondeu lembrou observou
		criticou informou dizem afirmam admitiu reconheceu avisou dito afirmado declarado explicado`,
		// it
		`detto dichiarato dichiara affermato afferma spiegato spiega aggiunto aggiunge sottolineato sottolinea scritto scrive
		commentato commenta precisato ribadito ribadisce osservato risposto risponde annunciato avvertito ricordato
		ricorda concluso rilevato assicurato`,
		// ru, uk
		`сказал сказала сказали заявил заявила заявили отметил отметила отметили подчеркнул подчеркнула добавил добавила
		добавили сообщил сообщила сообщили пояснил пояснила написал написала написали говорит говорят заявляет считает
		рассказал рассказала признал признала уточнил уточнила указал указала ответил ответила объяснил объяснила
		предупредил предупредила заметил заметила констатировал признался призналась признали сказав заявив зазначив додав повідомив`,
	)
	qTellVerbs     = qWordSet(`told tells tell informed reminded`)
	qCallVerbs     = qWordSet(`called calls call described describes branded labelled labeled termed nannte nennt bezeichnete bezeichnet qualifié qualifie qualifiait calificó califica llamó definió chamou classificou definiu definito назвал назвала назвали`)
	qAccordingCues = qWordSet(`laut selon d'après según segundo conforme secondo`)

	qAnonymityMarks = []string{"anonymity", "not to be named", "declined to be named", "not authorized to", "not authorised to",
		"anonym", "nicht genannt werden", "vorgehaltener hand", "anonymat", "anonimato", "no dar su nombre", "no ser identificad",
		"não quis se identificar", "não ser identificad", "non essere identificat", "анонимн", "пожелавш", "не назвал"}
	qNamingWords = qWordSet(`titled entitled named dubbed nicknamed intitulé intitulée baptisé baptisée titulado titulada intitulado intitulada intitolato intitolata namens под названием`)
	// qClitics are object pronouns before a verb: "Tellado lo calificó de …".
	qClitics    = qWordSet(`lo la le los las les lui leur li gli ne lhe lhes l' l'a`)
	qAsWords    = qWordSet(`as als comme como come как`)
	qKnownWords = qWordSet(`known referred bekannt connu connue conocido conocida conhecido conhecida noto nota известен известная`)
	qNickVerbs  = qWordSet(`nennen nennt nannten genannt surnomment surnommé apodan apodado apelidam chiamano называют`)

	qPronouns      = qWordSet(`he she they it er sie es il elle ils elles on él ella ellos ellas ele ela eles elas lui lei loro он она они оно`)
	qGroupPronouns = qWordSet(`they it es ils elles ellos ellas eles elas loro они оно`)
	qDeterminers   = qWordSet(`este esta estos estas ese esa esos esas aquel aquella ce cet cette ces dieser diese dieses questo questa quel quella
		the this that these his her its their der die das den dem des le la les l' el los las lo o os as il gli i lo`)
	qIndefinites = qWordSet(`a an one some several two three many ein eine einer einen einem un une des uno una unos unas um uma alguns algumas`)
	qAnonHeads   = qWordSet(`source sources official officials person people insider insiders diplomat diplomats witness witnesses resident residents
		critics opponents supporters experts analysts observers activists campaigners
		quelle quellen kreise insider source sources responsable responsables fuente fuentes fonte fontes fonti fonte источник источники`)
	qConjunctions = qWordSet(`and und et y e и i`)
	qConnectors   = qWordSet(`of for de del della dei di da dos das du van von der den ter bin ibn al la le y`)
	qPrepositions = qWordSet(`of in on at to for from with by during after before about over under into near than
		in im am an auf aus bei mit nach von vom zu zum zur für über unter vor gegenüber
		à au aux dans sur sous avec pour par en de du des lors après avant pendant devant
		en con por para de del al a entre durante tras desde sobre hacia ante
		em no na nos nas com por para de do da dos das ao
		a in con per da di del della al alla nel nella su
		в на с к из от до за для о об по при перед`)
	qClauseStops = qWordSet(`that which who whom whose because but when while as if since though although where what how
		dass weil aber wenn als wie ob obwohl denn
		que qui mais quand lorsque car où comme
		que quien pero cuando porque donde como
		que quem mas quando porque onde
		che chi ma quando perché dove come
		что который которая которые но когда как где потому
		was is are were be been will would could should can may might has have had`)
	qSkipBefore = qWordSet(`se also later then again previously earlier once recently repeatedly further often reportedly publicly
		privately separately however has have had had was is would will today yesterday tonight himself herself themselves
		auch noch bereits zudem außerdem ebenfalls hat habe haben hatte hatten
		a avait ont aussi encore déjà
		ha han había ya también
		tem tinha também já
		ha hanno aveva anche già
		также тоже ещё уже`)
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
	)
	qMonths = qWordSet(`januar februar märz april mai juni juli august september oktober november dezember
		janvier février mars avril juin juillet août septembre octobre novembre décembre
		enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre`)
	qAbbreviations = qWordSet(`mr mrs ms dr prof st gen sen rep gov lt col sgt capt cmdr adm jr sr inc ltd co corp no vs
		jan feb mar apr jun jul aug sep sept oct nov dec u.s m mme mlle hr fr sra srta dra sta ing av gral
		г ул им тов`)
	qTitles = qWordSet(
		`executive manager coach president prime minister chancellor secretary spokesman spokeswoman spokesperson senator governor mayor general gen
		colonel col captain capt king queen prince princess pope judge justice rep sen gov dr mr mrs ms miss sir dame lord lady
		prof professor ceo chairman chairwoman chair director ambassador commissioner leader head chief envoy officer deputy vice
		foreign state sheikh emir premier attorney sheriff detective sergeant sgt lieutenant lt coach bishop cardinal rabbi imam
		presidential minister-president`,
		`herr frau präsident präsidentin kanzler kanzlerin minister ministerin bürgermeister bürgermeisterin sprecher sprecherin
		chef chefin vorsitzende vorsitzender ministerpräsident ministerpräsidentin`,
		`m mme mlle me maître docteur président présidente ministre premier porte-parole maire général secrétaire directeur directrice`,
		`sr sra don doña presidente presidenta ministro ministra portavoz alcalde alcaldesa secretario secretaria director
		directora jefe jefa canciller`,
		`porta-voz prefeito prefeita senador senadora deputado deputada governador governadora`,
		`portavoce sindaco premier`,
		`президент министр депутат судья адвокат премьер премьер-министр глава пресс-секретарь представитель мэр губернатор генерал председатель
		директор господин г-н канцлер`,
	)
	// qWeakSuffixes end words for roles, and some first names: a role only before two names.
	qWeakSuffixes = []string{"er", "or", "ent", "ant", "ist", "ian", "back", "man", "woman", "erin", "in", "eur", "euse", "ice",
		"iste", "ien", "ienne", "ora", "ista", "ente", "ero", "era", "ario", "aria", "ário", "ária"}
	qTitleSuffixes = []string{"minister", "ministerin", "präsident", "präsidentin", "kanzler", "kanzlerin", "sprecher", "sprecherin",
		"chef", "chefin", "bürgermeister", "sekretär", "sekretärin", "leiter", "leiterin", "министр", "secretary"}
	qOrgWords = qWordSet(`trust ministry court agency party union council bank university news company corporation group association
		committee department office government police army navy forces force times post kremlin inc ltd corp reuters afp bbc cnn
		organization organisation nations federation republic kingdom states commission parliament assembly senate congress
		institute foundation centre center service network channel tv radio press house agency authority board
		ministerium regierung polizei bundesregierung partei gericht
		ministère gouvernement police tribunal parti
		ministerio gobierno policía tribunal partido
		ministério governo polícia
		ministero governo polizia
		министерство правительство кремль мид суд партия`)
	qOrgSuffixes = []string{"ministerium", "regierung", "ministry", "министерство"}
	qPlaceFirst  = qWordSet(`north south east west new saint san santa los las hong el al united`)
	qScareCues   = qWordSet(`so-called sogenannte sogenannten sogenannter sogenanntes soi-disant prétendu prétendue supuesto supuesta
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
