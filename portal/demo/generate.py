"""Write the demo cooperation area (Ekeså kommun, Region Dalmark, Polisområde Dalmark).

Run `python portal/demo/generate.py` to rewrite `directory.json` and the generated `content/*.md`
files beside it. Standard library only and deterministic: the same input gives the same bytes.
Every name, address, e-mail address (`.test`) and phone number (ranges reserved for fiction) is made up.
"""

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
KOMMUN_MAIL = "ekesa.test"
REGION_MAIL = "regiondalmark.test"
POLIS_MAIL = "polisen-dalmark.test"


class Phones:
    """Hands out numbers from the ranges PTS reserves for fiction, never the same one twice."""

    def __init__(self) -> None:
        self.pools = {
            "kommun": [f"0980-319 2{n:02d}" for n in range(100)],
            "mobil": [f"070-174 06 {n:02d}" for n in range(5, 100)],
            "region": [f"031-390 06 {n:02d}" for n in range(100)],
            "polis": [f"040-628 04 {n:02d}" for n in range(100)],
            "barnahus": [f"08-465 004 {n:02d}" for n in range(100)],
        }

    def take(self, pool: str) -> str:
        return self.pools[pool].pop(0)


# --- organisations -------------------------------------------------------------------------

KOMMUNHUSET = "Kommunhuset, Rådhusgatan 2, 738 90 Ekeså"
SOCIALKONTORET = "Socialkontoret, Järnvägsgatan 11, 738 91 Ekeså"

# (id, name, kind, parent, address, phone pool)
ORGANISATIONS = [
    ("eke", "Ekeså kommun", "municipality", None, KOMMUNHUSET, "kommun"),
    ("eke-kld", "Kommunledningskontoret", "administration", "eke", KOMMUNHUSET, None),
    ("eke-soc", "Socialförvaltningen", "administration", "eke", SOCIALKONTORET, None),
    ("eke-soc-bou", "Avdelningen barn och unga", "department", "eke-soc", SOCIALKONTORET, None),
    (
        "eke-soc-mott",
        "Mottagningsenheten barn och unga",
        "unit",
        "eke-soc-bou",
        SOCIALKONTORET,
        "kommun",
    ),
    (
        "eke-soc-utr",
        "Utredningsenheten barn och unga",
        "unit",
        "eke-soc-bou",
        SOCIALKONTORET,
        "kommun",
    ),
    (
        "eke-soc-oppen",
        "Familjehuset – öppenvård barn och familj",
        "unit",
        "eke-soc-bou",
        "Lindgatan 4, 738 91 Ekeså",
        "kommun",
    ),
    (
        "eke-soc-famhem",
        "Familjehems- och placeringsenheten",
        "unit",
        "eke-soc-bou",
        SOCIALKONTORET,
        "kommun",
    ),
    ("eke-soc-jour", "Socialjouren Dalmark", "unit", "eke-soc", SOCIALKONTORET, "kommun"),
    ("eke-soc-forebygg", "Förebyggande enheten", "department", "eke-soc", SOCIALKONTORET, None),
    (
        "eke-soc-famc",
        "Familjecentralen Ekeså",
        "unit",
        "eke-soc-forebygg",
        "Vårdvägen 3, 738 92 Ekeså",
        "kommun",
    ),
    (
        "eke-soc-falt",
        "Fältgruppen Ekeså",
        "unit",
        "eke-soc-forebygg",
        "Stora torget 1, 738 90 Ekeså",
        "kommun",
    ),
    (
        "eke-soc-vnr",
        "Stödteamet våld i nära relationer",
        "unit",
        "eke-soc-forebygg",
        SOCIALKONTORET,
        "kommun",
    ),
    ("eke-utb", "Barn- och utbildningsförvaltningen", "administration", "eke", KOMMUNHUSET, None),
    ("eke-utb-grund", "Grundskoleområdet", "department", "eke-utb", KOMMUNHUSET, None),
    (
        "eke-skola-asen",
        "Åsenskolan",
        "school",
        "eke-utb-grund",
        "Åsvägen 8, 738 93 Ekeså",
        "kommun",
    ),
    (
        "eke-skola-lind",
        "Lindbackaskolan",
        "school",
        "eke-utb-grund",
        "Lindbackavägen 20, 738 94 Ekeså",
        "kommun",
    ),
    (
        "eke-skola-strand",
        "Strandskolan",
        "school",
        "eke-utb-grund",
        "Sjöpromenaden 5, 738 90 Ekeså",
        "kommun",
    ),
    (
        "eke-skola-mossen",
        "Mossens skola",
        "school",
        "eke-utb-grund",
        "Mossvägen 1, 738 97 Mossen",
        "kommun",
    ),
    (
        "eke-skola-hagby",
        "Hagby skola",
        "school",
        "eke-utb-grund",
        "Skolbacken 3, 738 96 Hagby",
        "kommun",
    ),
    ("eke-gy", "Ekeså gymnasieskola", "school", "eke-utb", "Bruksallén 12, 738 90 Ekeså", "kommun"),
    ("eke-utb-fsk", "Förskoleområdet", "department", "eke-utb", KOMMUNHUSET, None),
    (
        "eke-fsk-humlan",
        "Förskolan Humlan",
        "preschool",
        "eke-utb-fsk",
        "Ängsvägen 6, 738 93 Ekeså",
        "kommun",
    ),
    (
        "eke-fsk-vitsippan",
        "Förskolan Vitsippan",
        "preschool",
        "eke-utb-fsk",
        "Skogsbrynet 2, 738 96 Hagby",
        "kommun",
    ),
    (
        "eke-fsk-lonnen",
        "Förskolan Lönnen",
        "preschool",
        "eke-utb-fsk",
        "Lönnvägen 9, 738 94 Ekeså",
        "kommun",
    ),
    (
        "eke-utb-eh",
        "Elevhälsan centralt",
        "department",
        "eke-utb",
        "Bruksallén 10, 738 90 Ekeså",
        "kommun",
    ),
    ("eke-kof", "Kultur- och fritidsförvaltningen", "administration", "eke", KOMMUNHUSET, None),
    ("eke-kof-fritid", "Fritidsenheten", "department", "eke-kof", KOMMUNHUSET, None),
    (
        "eke-kof-tornet",
        "Fritidsgården Tornet",
        "unit",
        "eke-kof-fritid",
        "Lindbackavägen 22, 738 94 Ekeså",
        "kommun",
    ),
    (
        "eke-kof-bryggan",
        "Ungdomens hus Bryggan",
        "unit",
        "eke-kof-fritid",
        "Stora torget 1, 738 90 Ekeså",
        "kommun",
    ),
    ("dal", "Region Dalmark", "region", None, "Regionhuset, Kanalgatan 30, 738 80 Ekeså", "region"),
    ("dal-pv", "Primärvården Ekeså", "administration", "dal", "Vårdvägen 3, 738 92 Ekeså", None),
    (
        "dal-hc-ekesa",
        "Hälsocentralen Ekeså",
        "clinic",
        "dal-pv",
        "Vårdvägen 3, 738 92 Ekeså",
        "region",
    ),
    ("dal-bvc-ekesa", "BVC Ekeså", "clinic", "dal-hc-ekesa", "Vårdvägen 3, 738 92 Ekeså", "region"),
    (
        "dal-hc-hagby",
        "Hälsocentralen Hagby",
        "clinic",
        "dal-pv",
        "Hagby bygata 14, 738 96 Hagby",
        "region",
    ),
    (
        "dal-bvc-hagby",
        "BVC Hagby",
        "clinic",
        "dal-hc-hagby",
        "Hagby bygata 14, 738 96 Hagby",
        "region",
    ),
    (
        "dal-bmm",
        "Barnmorskemottagningen Ekeså",
        "clinic",
        "dal-pv",
        "Vårdvägen 3, 738 92 Ekeså",
        "region",
    ),
    (
        "dal-umo",
        "Ungdomsmottagningen Ekeså",
        "clinic",
        "dal-pv",
        "Stora torget 3, 738 90 Ekeså",
        "region",
    ),
    (
        "dal-bup",
        "Barn- och ungdomspsykiatrin Dalmark",
        "department",
        "dal",
        "Regionhuset, Kanalgatan 30, 738 80 Ekeså",
        None,
    ),
    (
        "dal-bup-ekesa",
        "BUP-mottagningen Ekeså",
        "clinic",
        "dal-bup",
        "Kanalgatan 34, 738 80 Ekeså",
        "region",
    ),
    (
        "dal-bum",
        "Barn- och ungdomsmedicinska mottagningen Ekeså",
        "clinic",
        "dal",
        "Kanalgatan 34, 738 80 Ekeså",
        "region",
    ),
    (
        "pol",
        "Polisområde Dalmark",
        "police",
        None,
        "Polishuset, Hamngatan 7, 738 85 Ekeså",
        "polis",
    ),
    (
        "pol-lpo",
        "Lokalpolisområde Ekeså",
        "department",
        "pol",
        "Polishuset, Hamngatan 7, 738 85 Ekeså",
        None,
    ),
    (
        "pol-kommunpolis",
        "Kommunpolisen Ekeså",
        "unit",
        "pol-lpo",
        "Polishuset, Hamngatan 7, 738 85 Ekeså",
        "polis",
    ),
    (
        "pol-ungdom",
        "Ungdomsgruppen Ekeså",
        "unit",
        "pol-lpo",
        "Polishuset, Hamngatan 7, 738 85 Ekeså",
        "polis",
    ),
    (
        "pol-bmb",
        "Utredningsgruppen brott mot barn",
        "unit",
        "pol",
        "Polishuset, Hamngatan 7, 738 85 Ekeså",
        "polis",
    ),
    ("barnahus", "Barnahus Dalmark", "other", None, "Kanalgatan 40, 738 80 Ekeså", "barnahus"),
]

# --- functions -----------------------------------------------------------------------------

SOL = "socialtjänstlagen (2025:400), som den 1 juli 2025 ersatte socialtjänstlagen (2001:453)"

# id -> (name, sector, synonyms, summary, mandate, responsibilities, competence, legal_basis, contact_when)
FUNCTIONS = {
    "socsek-mott": (
        "Socialsekreterare, mottagning barn och unga",
        "social",
        ["mottagningssekreterare", "mottagningen", "intagssekreterare"],
        "Tar emot alla orosanmälningar och ansökningar som rör barn och unga 0–20 år och bedömer samma dag om barnet behöver skydd.",
        "Mottagningsenheten är socialtjänstens dörr in för barn och unga. Socialsekreteraren läser varje anmälan samma dag, gör en skyddsbedömning och avgör sedan i en förhandsbedömning, inom 14 dagar, om en utredning ska startas. Den som vill rådgöra om ett barn utan att nämna namnet kan alltid ringa mottagningen.",
        "Skyddsbedömning samma dag som anmälan kommer in. Förhandsbedömning inom 14 dagar. Anonym konsultation för yrkesverksamma. Återkoppling till anmälare som arbetar med barn. Serviceinsatser utan utredning, till exempel samtal på Familjehuset.",
        "Socionom med erfarenhet av myndighetsutövning för barn och unga. Utbildad i BBIC och i att samtala med barn.",
        f"Bestämmelser om anmälan, skyddsbedömning och förhandsbedömning i {SOL}. Tidigare 11 kap. 1 a § och 14 kap. 1 § SoL (2001:453).",
        "Ring när du är orolig för ett barn, vill göra en orosanmälan eller vill rådgöra anonymt. Vardagar 08.00–16.30. Efter kontorstid ringer du Socialjouren Dalmark.",
    ),
    "socsek-bou": (
        "Socialsekreterare barn och unga",
        "social",
        [
            "socialsekreterare",
            "handläggare barn och unga",
            "barnutredare socialtjänsten",
            "utredande socialsekreterare",
        ],
        "Utreder barns behov av stöd och skydd, beslutar om insatser tillsammans med sin chef och följer upp barn som får insatser eller är placerade.",
        "Socialsekreteraren utreder barnets situation när mottagningen har inlett en utredning. Utredningen ska vara klar inom fyra månader. Barnet ska få komma till tals, och skola, förskola, BVC och andra som känner barnet tillfrågas med vårdnadshavarnas samtycke eller med stöd av lag. Socialsekreteraren planerar och följer upp insatser och kallar till SIP när barnet behöver stöd från flera huvudmän.",
        "Utredning enligt BBIC inom fyra månader. Samtal med barn och vårdnadshavare. Beslut om insatser i öppenvård eller placering. Uppföljning av insatser och placeringar. Ansökan om vård enligt LVU vid behov. Kallelse till samordnad individuell plan (SIP).",
        "Socionom. Minst ett års erfarenhet av handläggning för barn och unga eller introduktion med handledning. Kunskap om BBIC, LVU och samtal med barn.",
        f"Bestämmelser om utredning, insatser och uppföljning för barn i {SOL}. Lagen (1990:52) med särskilda bestämmelser om vård av unga (LVU).",
        "Kontakta barnets handläggare när du har ny information om ett barn med pågående utredning eller insats, eller när du vill bjuda in till SIP. Vet du inte vem som är handläggare, ring mottagningen.",
    ),
    "familjebehandlare": (
        "Familjebehandlare",
        "social",
        ["behandlare", "familjeterapeut", "öppenvårdsbehandlare", "familjepedagog"],
        "Ger stöd och behandling till barn, unga och föräldrar på hemmaplan, med eller utan beslut från socialsekreterare.",
        "Familjebehandlaren arbetar i Familjehuset med samtal, föräldraskapsstöd och behandling i familjens hem eller på mottagningen. Vissa insatser, som föräldragrupper och kortare rådgivning, kräver inget beslut – familjen kan själv ta kontakt. Längre behandling ges efter beslut av socialsekreteraren.",
        "Föräldraskapsstöd enskilt och i grupp. Samtalsbehandling för barn och unga. Nätverksmöten. Stöd vid konflikter i familjen. Samarbete med skola och förskola kring barnet.",
        "Socionom, beteendevetare eller motsvarande med steg 1-utbildning i psykoterapi eller familjebehandling.",
        f"Insatser i öppenvård enligt {SOL}.",
        "Tipsa föräldrar om att höra av sig direkt för råd och föräldragrupper. Behöver familjen längre behandling går vägen via mottagningen.",
    ),
    "familjehemssekreterare": (
        "Familjehemssekreterare",
        "social",
        ["familjehemshandläggare", "placeringssekreterare", "jourhemssekreterare"],
        "Rekryterar, utreder och stöttar familjehem och jourhem och håller kontakt med skola och hälso- och sjukvård för placerade barn.",
        "Familjehemssekreteraren ansvarar för att barn som placeras utanför hemmet får ett tryggt och väl förberett familjehem. Hen utreder nya familjehem, handleder dem under placeringen och ser till att barnet får en hälsoundersökning och en tandhälsoundersökning och att skolan vet vad barnet behöver.",
        "Rekrytering och utredning av familjehem och jourhem. Handledning och utbildning av familjehem. Samordning kring placerade barns hälsa och skolgång. Kontakt med barnets ursprungsfamilj tillsammans med barnets socialsekreterare.",
        "Socionom med erfarenhet av placeringsarbete. Utbildning i Ett familjehem – en utbildning i att vara familjehem eller motsvarande.",
        f"Bestämmelser om vård i familjehem i {SOL} och socialtjänstförordningen.",
        "Kontakta familjehemssekreteraren när ett placerat barn byter skola, behöver särskilt stöd eller när du är intresserad av att bli familjehem.",
    ),
    "faltassistent": (
        "Fältassistent",
        "social",
        ["fältare", "fältsekreterare", "fältgruppen", "fältarbetare"],
        "Möter unga 12–20 år där de är – ute på kvällar, på skolor och fritidsgårdar – och arbetar förebyggande mot droger, kriminalitet och utanförskap.",
        "Fältgruppen rör sig i Ekeså på kvällar och helger, i skolans korridorer på dagtid och på sociala medier. Fältassistenten skapar kontakt med unga som riskerar att hamna snett, lotsar dem till stöd och larmar socialtjänsten vid oro. Fältgruppen ingår i SSPF tillsammans med skola, polis och fritid.",
        "Uppsökande arbete kvällar och helger. Närvaro på högstadieskolor och gymnasiet. Enskilda samtal med unga. Lägesbild över var unga samlas, tillsammans med polisen. Medverkan i SSPF-ärenden.",
        "Socionom, fritidsledare eller behandlingspedagog med erfarenhet av ungdomsarbete. Kunskap om droger, kriminalitet och motiverande samtal.",
        f"Uppsökande verksamhet enligt {SOL}. Samverkan med polis och skola inom ramen för offentlighets- och sekretesslagen.",
        "Hör av dig när du ser att unga samlas på nya platser, när du oroar dig för en elevs umgänge eller när en ung person behöver en vuxen att prata med.",
    ),
    "vnr-samordnare": (
        "Samordnare våld i nära relationer",
        "social",
        ["våldssamordnare", "VNR-samordnare", "relationsvåldssamordnare", "samordnare mot våld"],
        "Stöttar verksamheter och personal i frågor om våld i nära relationer, hedersrelaterat våld och barn som upplever våld.",
        "Samordnaren håller ihop kommunens arbete mot våld i nära relationer. Hen ger konsultation i enskilda ärenden, utbildar personal, ser till att rutinerna följs och samverkar med regionen, polisen, Barnahus Dalmark och kvinno- och tjejjouren. Barn som upplever våld ska alltid uppmärksammas som brottsoffer.",
        "Konsultation till personal om våld och hedersrelaterat våld. Utbildning i att fråga om våld. Riskbedömning tillsammans med handläggare. Samordning av skyddade boenden och skyddade personuppgifter i samverkan med Skatteverket. Uppföljning av kommunens handlingsplan mot våld.",
        "Socionom med fördjupning i våld i nära relationer, hedersrelaterat våld och förtryck samt riskbedömningsmetoder som FREDA.",
        f"Socialnämndens ansvar för våldsutsatta och barn som bevittnat våld i {SOL}. Socialstyrelsens föreskrifter om våld i nära relationer.",
        "Kontakta samordnaren när du misstänker att ett barn eller en förälder utsätts för våld eller hedersrelaterat förtryck och vill ha råd om nästa steg.",
    ),
    "socialjour": (
        "Socialsekreterare i socialjouren",
        "social",
        ["jouren", "socialjouren", "jourhavande socialsekreterare", "socjour"],
        "Tar hand om akuta sociala ärenden på kvällar, nätter och helger när socialkontoret är stängt.",
        "Socialjouren Dalmark är öppen när den ordinarie socialtjänsten är stängd och arbetar för Ekeså och två grannkommuner. Jouren tar emot anmälningar om barn som behöver skydd direkt, gör skyddsbedömningar, kan besluta om tillfälliga placeringar och omedelbart omhändertagande tillsammans med jourhavande politiker och samarbetar nära polisen.",
        "Akuta skyddsbedömningar. Tillfälliga placeringar i jourhem. Omedelbart omhändertagande enligt LVU. Stöd till polisen vid ingripanden där barn finns. Överlämning till mottagningen nästa vardag.",
        "Socionom med minst två års erfarenhet av myndighetsutövning. Introduktion med dubbelbemanning.",
        f"{SOL}; 6 § LVU om omedelbart omhändertagande.",
        "Ring socialjouren när ett barn behöver skydd och det inte kan vänta till nästa vardag. Vardagar 16.30–08.00 och helger dygnet runt. Vid fara för liv: ring 112.",
    ),
    "enhetschef-bou": (
        "Enhetschef barn och unga",
        "social",
        [
            "enhetschef socialtjänsten",
            "chef IFO barn",
            "sektionschef barn och unga",
            "1:e socialsekreterare",
        ],
        "Leder en enhet inom socialtjänsten för barn och unga, fattar beslut enligt delegation och företräder enheten i samverkan.",
        "Enhetschefen ansvarar för att enheten arbetar rättssäkert, att utredningar blir klara i tid och att personalen får handledning. Chefen beslutar om insatser enligt nämndens delegationsordning och är socialtjänstens företrädare i styrgrupper och arbetsgrupper för barns bästa.",
        "Personal-, budget- och arbetsmiljöansvar. Beslut enligt delegation. Uppföljning av handläggningstider. Samverkan med skola, region och polis på ledningsnivå. Hantering av klagomål och avvikelser.",
        "Socionom med erfarenhet av barnavårdsutredning och ledarskap.",
        f"{SOL}; socialnämndens delegationsordning.",
        "Kontakta enhetschefen när en fråga inte går att lösa på handläggarnivå, vid oenighet i en SIP eller när samverkan mellan verksamheter behöver ett beslut.",
    ),
    "rektor": (
        "Rektor",
        "school",
        ["skolledare", "biträdande rektor", "rektorn", "skolchef på skolan"],
        "Leder skolans arbete, ansvarar för elevhälsan och fattar beslut om särskilt stöd, åtgärdsprogram och anpassad studiegång.",
        "Rektorn leder och samordnar det pedagogiska arbetet och ansvarar för att elever får den ledning, stimulans och det stöd de behöver. Rektorn leder elevhälsoteamet, beslutar om åtgärdsprogram och ser till att skolan gör orosanmälningar, utreder kränkande behandling och samverkar med socialtjänsten kring elever som far illa.",
        "Elevhälsoteamet. Beslut om åtgärdsprogram och särskilt stöd. Utredning av frånvaro och kränkningar. Orosanmälningar tillsammans med personalen. Kontakt med vårdnadshavare vid allvarliga händelser.",
        "Rektorsutbildning enligt skollagen och pedagogisk insikt genom utbildning och erfarenhet.",
        "2 kap. 9–10 §§ skollagen (2010:800) om rektorns ansvar; 3 kap. om särskilt stöd; 6 kap. om kränkande behandling.",
        "Kontakta rektorn i frågor om en elevs skolgång, skolplacering, åtgärdsprogram eller när skolan behöver delta i en SIP.",
    ),
    "forskolerektor": (
        "Förskolerektor",
        "preschool",
        ["rektor förskola", "förskolechef", "rektor i förskolan"],
        "Leder en eller flera förskolor och ansvarar för barnens trygghet, utveckling och stöd.",
        "Förskolerektorn leder det pedagogiska arbetet och ser till att barn som behöver särskilt stöd får det. Hen ansvarar för att personalen känner till anmälningsplikten och gör orosanmälningar, och för samverkan med BVC och familjecentralen kring de yngsta barnen.",
        "Pedagogisk ledning. Stöd till barn i behov av särskilt stöd. Orosanmälningar och kontakt med socialtjänsten. Samverkan med BVC, familjecentralen och förskoleklass inför övergången till skolan.",
        "Rektorsutbildning och förskollärarexamen eller motsvarande.",
        "2 kap. 9 § och 8 kap. 9 § skollagen (2010:800).",
        "Kontakta förskolerektorn om ett barns förskoleplacering, stöd i förskolan eller när förskolan behöver delta i en SIP.",
    ),
    "kurator": (
        "Skolkurator",
        "school",
        ["kurator", "elevkurator", "skolsocionom"],
        "Elevhälsans psykosociala kompetens: stödsamtal med elever, konsultation till lärare och ofta skolans kontakt med socialtjänsten.",
        "Kuratorn ger elever stödsamtal och hjälper skolan att förstå elevens sociala situation. Kuratorn är med i elevhälsoteamet, stöttar personal som ska göra en orosanmälan och håller i kontakten med socialtjänsten, BUP och ungdomsmottagningen när eleven behöver det.",
        "Stödsamtal enskilt och i grupp. Psykosociala utredningar inför beslut om stöd. Konsultation till personal. Medverkan i orosanmälningar, SIP och SSPF. Förebyggande arbete mot kränkningar och psykisk ohälsa.",
        "Socionom med kunskap om barns utveckling, psykisk ohälsa och samtalsmetodik.",
        "2 kap. 25 § skollagen (2010:800) om elevhälsa.",
        "Kontakta kuratorn när en elev mår dåligt, har hög frånvaro, när du behöver stöd inför en orosanmälan eller vill samverka kring en elev.",
    ),
    "skolskoterska": (
        "Skolsköterska",
        "school",
        ["skolsjuksköterska", "elevhälsans sjuksköterska", "skolhälsovård"],
        "Elevhälsans medicinska insats: hälsobesök, vaccinationer och enklare sjukvårdsinsatser för elever.",
        "Skolsköterskan erbjuder alla elever hälsobesök och vaccinationer enligt barnvaccinationsprogrammet och tar emot elever med frågor om hälsa, sömn, ätande och psykiskt mående. Hen ingår i elevhälsoteamet, är medicinskt ansvarig för elevens skolhälsojournal och remitterar vidare till vårdcentral, BUP eller barn- och ungdomsmedicin.",
        "Hälsobesök och hälsosamtal. Vaccinationer. Öppen mottagning för elever. Remisser och kontakt med hälso- och sjukvården. Medverkan i elevhälsoteam och orosanmälningar.",
        "Legitimerad sjuksköterska med specialistutbildning inom skolhälsovård, barn och ungdom eller distriktssköterska.",
        "2 kap. 25–28 §§ skollagen (2010:800); patientdatalagen (2008:355) för skolhälsojournalen.",
        "Kontakta skolsköterskan om elevens hälsa, vaccinationer, läkemedel i skolan eller när en elev behöver remitteras vidare.",
    ),
    "skolpsykolog": (
        "Skolpsykolog",
        "school",
        ["psykolog", "elevhälsans psykolog", "skolans psykolog"],
        "Gör psykologiska bedömningar och utredningar i skolan och ger konsultation till elevhälsoteam och lärare.",
        "Skolpsykologen arbetar från Elevhälsan centralt och har ett antal skolor var. Psykologen gör utredningar inför beslut om stöd eller anpassad skolform, handleder lärare kring elever med svårigheter och bidrar med kunskap om psykisk hälsa i elevhälsoteamet.",
        "Psykologiska utredningar. Konsultation och handledning till personal. Korta stödsamtal. Medverkan i elevhälsoteam. Kontakt med BUP vid remiss.",
        "Legitimerad psykolog med erfarenhet av barn och unga.",
        "2 kap. 25 § skollagen (2010:800); patientsäkerhetslagen (2010:659).",
        "Kontakta skolpsykologen via rektor eller elevhälsoteamet när en elev behöver en psykologisk bedömning eller när personalen behöver handledning.",
    ),
    "specialpedagog": (
        "Specialpedagog",
        "school",
        ["speciallärare", "specped", "pedagogisk utredare"],
        "Kartlägger elevers och barns behov av stöd i lärandet och hjälper lärare att anpassa undervisningen.",
        "Specialpedagogen gör pedagogiska kartläggningar, föreslår extra anpassningar och skriver underlag till åtgärdsprogram. Hen handleder lärare och förskollärare och ingår i elevhälsoteamet.",
        "Pedagogiska kartläggningar. Förslag på extra anpassningar och särskilt stöd. Handledning av lärare och arbetslag. Medverkan i elevhälsoteam.",
        "Specialpedagog- eller speciallärarexamen.",
        "3 kap. skollagen (2010:800) om extra anpassningar, särskilt stöd och åtgärdsprogram.",
        "Kontakta specialpedagogen när du undrar hur ett barns eller en elevs svårigheter i lärandet kan mötas.",
    ),
    "skollakare": (
        "Skolläkare",
        "school",
        ["elevhälsans läkare", "skoldoktor"],
        "Elevhälsans läkare: medicinska bedömningar, konsultation till skolsköterskor och medicinskt underlag för skolan.",
        "Skolläkaren tar emot elever på remiss från skolsköterskan, gör medicinska bedömningar inför utredningar och ger skolsköterskorna konsultation. Skolläkaren samarbetar med barn- och ungdomsmedicin och BUP.",
        "Läkarbedömningar på remiss. Medicinska underlag inför beslut om stöd. Konsultation till skolsköterskor. Medverkan i elevhälsans medicinska ledningsarbete.",
        "Legitimerad läkare, helst specialist i allmänmedicin eller barn- och ungdomsmedicin.",
        "2 kap. 25 § skollagen (2010:800).",
        "Skolläkaren nås via skolsköterskan.",
    ),
    "elevhalsochef": (
        "Verksamhetschef elevhälsa",
        "school",
        ["elevhälsochef", "chef för elevhälsan", "verksamhetschef EMI"],
        "Leder den centrala elevhälsan och ansvarar för kvaliteten i elevhälsans medicinska, psykologiska och psykosociala insatser.",
        "Verksamhetschefen leder skolsköterskor, skolläkare, skolpsykologer och kuratorer i den centrala elevhälsan och är verksamhetschef enligt hälso- och sjukvårdslagen för elevhälsans medicinska insats. Hen företräder skolan i styrgruppen för barns bästa.",
        "Ledning av centrala elevhälsan. Patientsäkerhet och vårdgivaransvar för skolhälsovården. Kompetensutveckling. Samverkan med socialtjänst och region på ledningsnivå.",
        "Högskoleutbildning inom elevhälsans professioner och erfarenhet av ledarskap.",
        "2 kap. 25 § skollagen (2010:800); 4 kap. 2 § hälso- och sjukvårdslagen (2017:30).",
        "Kontakta verksamhetschefen i frågor om elevhälsans organisation, avvikelser eller samverkan som rör flera skolor.",
    ),
    "fritidsledare": (
        "Fritidsledare",
        "leisure",
        ["fritidsgårdspersonal", "ungdomsledare", "fritidsgården"],
        "Driver fritidsgårdarnas verksamhet för unga 10–18 år och är en trygg vuxen som ser och hör unga.",
        "Fritidsledaren planerar och genomför aktiviteter tillsammans med unga på fritidsgården Tornet och Ungdomens hus Bryggan. Fritidsledare har anmälningsplikt som all personal som arbetar med barn och deltar i SSPF och i lägesbilder med fältgruppen och polisen.",
        "Öppen verksamhet kvällar och lov. Aktiviteter och ungdomsinflytande. Samtal med unga. Orosanmälningar. Samverkan med fältgruppen, skolor och polis.",
        "Fritidsledarutbildning eller motsvarande.",
        f"Anmälningsplikt enligt {SOL}.",
        "Kontakta fritidsledarna om lovaktiviteter, om du vill samarbeta kring en grupp unga eller när du vill veta hur läget är bland unga på kvällstid.",
    ),
    "bvc-sjukskoterska": (
        "BVC-sjuksköterska",
        "health",
        ["barnsjuksköterska", "distriktssköterska BVC", "BVC", "barnavårdscentralen"],
        "Följer barns hälsa och utveckling 0–5 år genom hälsobesök, vaccinationer och föräldrastöd.",
        "BVC-sjuksköterskan möter alla familjer med små barn enligt det nationella barnhälsovårdsprogrammet, med hembesök, hälsobesök och föräldragrupper. Hen upptäcker tidigt när ett barn inte utvecklas som förväntat eller när familjen behöver stöd, och samarbetar med familjecentralen, förskolan och socialtjänsten.",
        "Hälsobesök och hembesök. Vaccinationer. Föräldragrupper. Screening för förlossningsdepression. Orosanmälan och samverkan med socialtjänsten. Överlämning till elevhälsan inför skolstart.",
        "Legitimerad sjuksköterska med specialistutbildning till distriktssköterska eller inom hälso- och sjukvård för barn och ungdomar.",
        "Hälso- och sjukvårdslagen (2017:30); anmälningsplikt enligt socialtjänstlagen.",
        "Kontakta BVC om ett barns hälsa och utveckling 0–5 år, inför överlämning till förskola eller när en SIP gäller ett litet barn.",
    ),
    "barnmorska": (
        "Barnmorska",
        "health",
        ["barnmorskemottagningen", "MVC", "mödravården", "BMM"],
        "Ger vård under graviditet och efter förlossning och rådgivning om preventivmedel och sexuell hälsa.",
        "Barnmorskan följer graviditeten och ställer alltid frågor om våld. Barnmorskor på ungdomsmottagningen ger unga råd om preventivmedel, graviditetstester och sexuell hälsa. Vid oro för det väntade barnet kan barnmorskan göra en orosanmälan och samarbeta med socialtjänsten före födseln.",
        "Mödrahälsovård. Preventivmedelsrådgivning. Frågor om våld under graviditet. Föräldrautbildning tillsammans med BVC. Samverkan kring gravida med missbruk eller psykisk ohälsa.",
        "Legitimerad barnmorska.",
        "Hälso- och sjukvårdslagen (2017:30).",
        "Kontakta barnmorskemottagningen om frågor kring en graviditet eller när en gravid person behöver stöd från flera verksamheter.",
    ),
    "umo-kurator": (
        "Kurator på ungdomsmottagningen",
        "health",
        ["UMO-kurator", "ungdomsmottagningens kurator", "kurator UMO"],
        "Ger unga 13–22 år samtalsstöd om relationer, sexualitet, stress och psykisk ohälsa.",
        "Ungdomsmottagningens kurator tar emot unga som själva söker sig dit, utan remiss och kostnadsfritt. Kuratorn ger stödsamtal, bedömer behov av vidare vård och lotsar till BUP, vuxenpsykiatrin eller socialtjänsten.",
        "Stödsamtal. Bedömning av psykisk ohälsa. Frågor om relationer, sex och identitet. Samverkan med skolkuratorer och socialtjänst. Orosanmälningar.",
        "Socionom med samtalsterapeutisk kompetens, gärna steg 1 i psykoterapi.",
        "Hälso- och sjukvårdslagen (2017:30).",
        "Tipsa unga om att boka tid själva på ungdomsmottagningen. Yrkesverksamma kan rådgöra med kuratorn om vart en ung person kan vända sig.",
    ),
    "bup-behandlare": (
        "Behandlare BUP",
        "health",
        ["BUP-psykolog", "BUP-kurator", "barnpsykiater", "barn- och ungdomspsykiatrin"],
        "Utreder och behandlar barn och unga med måttlig till svår psykisk ohälsa.",
        "BUP tar emot barn och unga upp till 18 år med måttlig till svår psykisk ohälsa – till exempel depression, ångest, ätstörningar, självskadebeteende och misstänkt neuropsykiatrisk funktionsnedsättning. Behandlaren gör bedömningar, utredningar och behandling och samarbetar med elevhälsan och socialtjänsten, bland annat genom SIP.",
        "Bedömningssamtal. Neuropsykiatriska utredningar. Psykologisk behandling. Läkemedelsbehandling tillsammans med läkare. Akuta bedömningar vid suicidrisk. Medverkan i SIP.",
        "Legitimerad psykolog, kurator, sjuksköterska eller läkare med erfarenhet av barn- och ungdomspsykiatri.",
        "Hälso- och sjukvårdslagen (2017:30); 16 kap. 4 § HSL om SIP.",
        "Vårdnadshavare och unga kan själva söka BUP. Vid akut suicidrisk: ring BUP-mottagningen dagtid och 112 eller psykiatrisk akutmottagning övrig tid.",
    ),
    "barnlakare": (
        "Barnläkare",
        "health",
        ["pediatriker", "barn- och ungdomsläkare", "BVC-läkare"],
        "Specialistläkare för barn med kroppsliga sjukdomar, tillväxt- och utvecklingsfrågor.",
        "Barnläkaren på barn- och ungdomsmedicinska mottagningen utreder och behandlar barn med till exempel astma, diabetes, epilepsi och tillväxtproblem. Barnläkare bedömer också skador när det finns misstanke om fysisk misshandel, på uppdrag av polis eller socialtjänst, och medverkar på barnahuset.",
        "Medicinska utredningar och behandling. Läkarbesök på BVC. Kroppsundersökning vid misstanke om misshandel. Medverkan i barnahussamråd.",
        "Legitimerad läkare med specialistkompetens i barn- och ungdomsmedicin.",
        "Hälso- och sjukvårdslagen (2017:30).",
        "Barnläkaren nås via remiss. Vid misstanke om misshandel av ett barn ska polis och socialtjänst kontaktas först.",
    ),
    "kommunpolis": (
        "Kommunpolis",
        "police",
        ["kommunpolisen", "områdespolis", "polisens samverkansansvarige"],
        "Polisens länk till kommunen: lägesbilder, medborgarlöften och brottsförebyggande samverkan.",
        "Kommunpolisen leder polisens lokala brottsförebyggande arbete i Ekeså och träffar kommunen regelbundet för gemensamma lägesbilder. Kommunpolisen ansvarar för medborgarlöftet, deltar i SSPF:s styrgrupp och är kontaktperson för skolor och fritidsgårdar i frågor som inte är akuta.",
        "Lägesbilder och medborgarlöften. Brottsförebyggande samverkan. Polisens deltagande i SSPF. Kontakt med skolor och fritidsgårdar. Information om ordningsstörningar och oro i området.",
        "Polis med erfarenhet av lokalt brottsförebyggande arbete.",
        "Polislagen (1984:387); lagen (2023:196) om kommuners ansvar för brottsförebyggande arbete.",
        "Kontakta kommunpolisen om oro i ett område, hot mot en skola eller samverkan kring unga i riskzon. Anmäl brott på 114 14, och vid akut fara ring 112.",
    ),
    "ungdomsutredare": (
        "Ungdomsutredare",
        "police",
        ["ungdomsgruppen", "utredare ungdomsbrott", "ungdomspolis"],
        "Utreder brott där den misstänkte är under 18 år och samarbetar med socialtjänsten enligt LUL.",
        "Ungdomsutredaren utreder brott som unga misstänks för, i samarbete med socialtjänsten som ska närvara vid förhör med barn under 18 år. Utredningar mot unga ska gå snabbt: inom sex veckor från delgivning av misstanke.",
        "Förhör med unga misstänkta. Underrättelse till socialtjänsten. Samarbete med vårdnadshavare. Snabbutredningar enligt LUL. Deltagande i SSPF-ärenden.",
        "Polis med utbildning i förhör med barn och unga.",
        "Lagen (1964:167) med särskilda bestämmelser om unga lagöverträdare (LUL).",
        "Ungdomsgruppen nås via polisens växel 114 14. Skolor anmäler brott på vanligt sätt och kan be om kontakt med ungdomsgruppen.",
    ),
    "bmb-utredare": (
        "Utredare brott mot barn",
        "police",
        ["barnutredare polisen", "BMB", "utredare barnärenden"],
        "Utreder misstänkta brott mot barn, som misshandel och sexuella övergrepp, och håller barnförhör på barnahuset.",
        "Utredarna i gruppen brott mot barn utreder våld och sexuella övergrepp mot barn under 18 år. De håller barnförhör på Barnahus Dalmark och samråder med socialtjänsten och åklagare innan vårdnadshavarna informeras.",
        "Barnförhör. Utredning av våld och övergrepp mot barn. Samråd på barnahuset. Kontakt med åklagare och rättsläkare.",
        "Polis med specialistutbildning i förhör med barn.",
        "Rättegångsbalken; förundersökningskungörelsen (1947:948) om förhör med barn.",
        "Gör polisanmälan på 114 14 eller via socialtjänsten vid misstanke om brott mot ett barn. Prata inte med vårdnadshavarna först när misstanken gäller dem.",
    ),
    "barnets-basta": (
        "Barnets bästa-ansvarig",
        "joint",
        ["barnombud", "kontaktperson barnets bästa", "barnrättsombud"],
        "Ansvarar för att barnets rättigheter och samverkansplanen för barns bästa hålls levande i den egna verksamheten.",
        "Varje skola, förskoleområde, enhet i socialtjänsten och hälsocentral har en utsedd person som ansvarar för att barnets bästa bedöms och dokumenteras, att personalen känner till de gemensamma rutinerna och att verksamheten rapporterar till arbetsgruppen för barnkonventionen.",
        "Sprida rutiner och direktiv i den egna verksamheten. Introduktion för nyanställda. Samla frågor till arbetsgruppen för barnkonventionen. Följa upp att barn får komma till tals.",
        "Utsedd av verksamhetens chef. Grundutbildning i barnrätt.",
        "Lagen (2018:1197) om Förenta nationernas konvention om barnets rättigheter.",
        "Kontakta barnets bästa-ansvarig på din arbetsplats för introduktion i samverkansrutinerna eller när du har förslag på förbättringar.",
    ),
    "sspf-samordnare": (
        "SSPF-samordnare",
        "joint",
        ["samordnare skola socialtjänst polis fritid", "SSPF", "SSPF-ansvarig"],
        "Samordnar samverkan mellan skola, socialtjänst, polis och fritid kring unga 12–18 år i riskzon för kriminalitet.",
        "SSPF-samordnaren tar emot förfrågningar, inhämtar samtycke från den unge och vårdnadshavarna och kallar till SSPF-möten där en gemensam handlingsplan tas fram. Samordnaren ansvarar för att handlingsplanen följs upp var sjätte vecka och för den gemensamma lägesbilden.",
        "Ärendesamordning i SSPF. Samtycken och sekretessprövning. Kallelser och protokoll. Uppföljning av handlingsplaner. Kvartalsvis lägesbild till styrgruppen.",
        "Socionom eller beteendevetare med erfarenhet av ungdomsarbete och samverkan.",
        f"Samverkan med samtycke enligt offentlighets- och sekretesslagen (2009:400); {SOL}.",
        "Kontakta SSPF-samordnaren när du oroar dig för att en ung person är på väg in i kriminalitet eller missbruk och flera verksamheter behöver agera tillsammans.",
    ),
    "barnrattsstrateg": (
        "Barnrättsstrateg",
        "joint",
        ["barnrättssamordnare", "strateg barnkonventionen", "barnrättsutvecklare"],
        "Driver kommunens arbete med barnkonventionen och samordnar uppföljningen av samverkansplanen för barns bästa.",
        "Barnrättsstrategen stöttar nämnder och förvaltningar i att göra barnrättsbaserade beslut, leder arbetsgruppen för barnkonventionen och sammanställer årligen uppföljningen av samverkansplanen till styrgruppen och 2+2-mötet.",
        "Barnrättsanalyser och barnkonsekvensanalyser. Utbildning i barnrätt. Ledning av arbetsgruppen för barnkonventionen. Årlig uppföljning av samverkansplanen.",
        "Akademisk examen inom samhällsvetenskap eller juridik med fördjupning i barnrätt.",
        "Lagen (2018:1197) om Förenta nationernas konvention om barnets rättigheter.",
        "Kontakta barnrättsstrategen när ett beslut påverkar barn och du behöver hjälp med en barnkonsekvensanalys, eller i frågor om samverkansplanen.",
    ),
}

TITLES = {
    "socsek-mott": "Socialsekreterare",
    "socsek-bou": "Socialsekreterare",
    "familjebehandlare": "Familjebehandlare",
    "familjehemssekreterare": "Familjehemssekreterare",
    "faltassistent": "Fältassistent",
    "vnr-samordnare": "Samordnare våld i nära relationer",
    "socialjour": "Socialsekreterare, socialjouren",
    "enhetschef-bou": "Enhetschef",
    "rektor": "Rektor",
    "forskolerektor": "Förskolerektor",
    "kurator": "Skolkurator",
    "skolskoterska": "Skolsköterska",
    "skolpsykolog": "Skolpsykolog",
    "specialpedagog": "Specialpedagog",
    "skollakare": "Skolläkare",
    "elevhalsochef": "Verksamhetschef elevhälsa",
    "fritidsledare": "Fritidsledare",
    "bvc-sjukskoterska": "Distriktssköterska, BVC",
    "barnmorska": "Barnmorska",
    "umo-kurator": "Kurator",
    "bup-behandlare": "Psykolog",
    "barnlakare": "Barnläkare",
    "kommunpolis": "Kommunpolis",
    "ungdomsutredare": "Polisinspektör, ungdomsutredare",
    "bmb-utredare": "Kriminalinspektör",
    "barnets-basta": "Barnets bästa-ansvarig",
    "sspf-samordnare": "SSPF-samordnare",
    "barnrattsstrateg": "Barnrättsstrateg",
}

EXPERTISE = {
    "social": [
        "BBIC",
        "samtal med barn",
        "MI",
        "Signs of Safety",
        "LVU",
        "SIP",
        "hedersrelaterat våld",
        "missbruk i familjen",
        "nätverksarbete",
        "föräldraskapsstöd",
    ],
    "school": [
        "NPF",
        "skolfrånvaro",
        "kränkande behandling",
        "nyanlända elever",
        "elevhälsa",
        "trauma",
        "ätstörningar",
        "sömn",
        "stresshantering",
        "språkutvecklande arbetssätt",
    ],
    "preschool": [
        "tidiga insatser",
        "flerspråkighet",
        "samverkan med BVC",
        "språkutveckling",
        "NPF",
    ],
    "health": [
        "föräldrastöd",
        "depression",
        "ångest",
        "självskadebeteende",
        "sexuell hälsa",
        "vaccinationer",
        "tillväxt",
        "anknytning",
        "ADHD-utredning",
    ],
    "police": [
        "förhör med barn",
        "ungdomsbrott",
        "narkotika",
        "lägesbild",
        "hedersrelaterat våld",
        "nätbrott",
    ],
    "leisure": ["lovaktiviteter", "ungdomsinflytande", "idrott", "musik", "e-sport"],
    "joint": ["barnkonventionen", "barnkonsekvensanalys", "samverkan", "SSPF", "utbildning"],
}

AGE_LABEL = {"0-5": "0–5 år", "6-12": "6–12 år", "13-17": "13–17 år", "18-20": "18–20 år"}

# (organisation, function, count, area, age groups, extra function for the first holder)
STAFFING = [
    (
        "eke-soc-mott",
        "enhetschef-bou",
        1,
        "Mottagningsenheten barn och unga",
        ["0-5", "6-12", "13-17", "18-20"],
        "barnets-basta",
    ),
    (
        "eke-soc-mott",
        "socsek-mott",
        2,
        "Kontakt för Åsenskolan, Mossens skola och Förskolan Humlan",
        ["0-5", "6-12"],
        None,
    ),
    (
        "eke-soc-mott",
        "socsek-mott",
        2,
        "Kontakt för Lindbackaskolan, Strandskolan och Förskolan Lönnen",
        ["6-12", "13-17"],
        None,
    ),
    (
        "eke-soc-mott",
        "socsek-mott",
        1,
        "Kontakt för Hagby skola, Förskolan Vitsippan och Ekeså gymnasieskola",
        ["0-5", "6-12", "13-17", "18-20"],
        None,
    ),
    (
        "eke-soc-utr",
        "enhetschef-bou",
        1,
        "Utredningsenheten barn och unga",
        ["0-5", "6-12", "13-17", "18-20"],
        None,
    ),
    ("eke-soc-utr", "socsek-bou", 5, "Yngre barn 0–12 år", ["0-5", "6-12"], None),
    ("eke-soc-utr", "socsek-bou", 5, "Ungdomar 13–20 år", ["13-17", "18-20"], None),
    ("eke-soc-oppen", "enhetschef-bou", 1, "Familjehuset", ["0-5", "6-12", "13-17", "18-20"], None),
    (
        "eke-soc-oppen",
        "familjebehandlare",
        6,
        "Familjer i hela Ekeså",
        ["0-5", "6-12", "13-17"],
        None,
    ),
    (
        "eke-soc-famhem",
        "familjehemssekreterare",
        4,
        "Familjehem och jourhem i Ekeså",
        ["0-5", "6-12", "13-17", "18-20"],
        None,
    ),
    (
        "eke-soc-jour",
        "socialjour",
        5,
        "Ekeså och grannkommunerna, kvällar och helger",
        ["0-5", "6-12", "13-17", "18-20"],
        None,
    ),
    ("eke-soc-famc", "familjebehandlare", 3, "Familjecentralen Ekeså", ["0-5"], None),
    (
        "eke-soc-falt",
        "faltassistent",
        4,
        "Ekeså centrum, Lindbacka och Strandområdet",
        ["13-17", "18-20"],
        "sspf-samordnare",
    ),
    (
        "eke-soc-vnr",
        "vnr-samordnare",
        3,
        "Hela Ekeså kommun",
        ["0-5", "6-12", "13-17", "18-20"],
        None,
    ),
    ("eke-kld", "barnrattsstrateg", 1, "Ekeså kommun", ["0-5", "6-12", "13-17", "18-20"], None),
    ("eke-skola-asen", "rektor", 1, "Åsenskolan F–6", ["6-12"], "barnets-basta"),
    ("eke-skola-asen", "kurator", 1, "Åsenskolan", ["6-12"], None),
    ("eke-skola-asen", "skolskoterska", 1, "Åsenskolan", ["6-12"], None),
    ("eke-skola-asen", "specialpedagog", 1, "Åsenskolan", ["6-12"], None),
    ("eke-skola-lind", "rektor", 2, "Lindbackaskolan F–9", ["6-12", "13-17"], None),
    ("eke-skola-lind", "kurator", 2, "Lindbackaskolan", ["6-12", "13-17"], None),
    ("eke-skola-lind", "skolskoterska", 1, "Lindbackaskolan", ["6-12", "13-17"], None),
    ("eke-skola-lind", "specialpedagog", 2, "Lindbackaskolan", ["6-12", "13-17"], None),
    ("eke-skola-strand", "rektor", 1, "Strandskolan 7–9", ["13-17"], "barnets-basta"),
    ("eke-skola-strand", "kurator", 1, "Strandskolan", ["13-17"], None),
    ("eke-skola-strand", "skolskoterska", 1, "Strandskolan", ["13-17"], None),
    ("eke-skola-strand", "specialpedagog", 1, "Strandskolan", ["13-17"], None),
    ("eke-skola-mossen", "rektor", 1, "Mossens skola F–3", ["6-12"], None),
    ("eke-skola-mossen", "kurator", 1, "Mossens skola", ["6-12"], None),
    ("eke-skola-mossen", "skolskoterska", 1, "Mossens skola och Hagby skola", ["6-12"], None),
    ("eke-skola-hagby", "rektor", 1, "Hagby skola F–6", ["6-12"], None),
    ("eke-skola-hagby", "kurator", 1, "Hagby skola", ["6-12"], None),
    ("eke-skola-hagby", "specialpedagog", 1, "Hagby skola och Mossens skola", ["6-12"], None),
    ("eke-gy", "rektor", 2, "Ekeså gymnasieskola", ["13-17", "18-20"], None),
    ("eke-gy", "kurator", 2, "Ekeså gymnasieskola", ["13-17", "18-20"], None),
    ("eke-gy", "skolskoterska", 1, "Ekeså gymnasieskola", ["13-17", "18-20"], None),
    ("eke-gy", "specialpedagog", 1, "Ekeså gymnasieskola", ["13-17", "18-20"], None),
    ("eke-fsk-humlan", "forskolerektor", 1, "Förskolan Humlan", ["0-5"], "barnets-basta"),
    ("eke-fsk-lonnen", "forskolerektor", 1, "Förskolan Lönnen", ["0-5"], None),
    ("eke-fsk-vitsippan", "forskolerektor", 1, "Förskolan Vitsippan", ["0-5"], None),
    ("eke-utb-fsk", "specialpedagog", 1, "Alla kommunala förskolor", ["0-5"], None),
    (
        "eke-utb-eh",
        "elevhalsochef",
        1,
        "Elevhälsan i Ekeså kommun",
        ["6-12", "13-17", "18-20"],
        None,
    ),
    (
        "eke-utb-eh",
        "skolpsykolog",
        3,
        "Grundskolor och gymnasiet",
        ["6-12", "13-17", "18-20"],
        None,
    ),
    ("eke-utb-eh", "skollakare", 1, "Alla skolor i Ekeså", ["6-12", "13-17", "18-20"], None),
    (
        "eke-kof-tornet",
        "fritidsledare",
        4,
        "Fritidsgården Tornet, Lindbacka",
        ["6-12", "13-17"],
        None,
    ),
    (
        "eke-kof-bryggan",
        "fritidsledare",
        3,
        "Ungdomens hus Bryggan, centrum",
        ["13-17", "18-20"],
        None,
    ),
    ("dal-bvc-ekesa", "bvc-sjukskoterska", 3, "Ekeså tätort", ["0-5"], None),
    ("dal-bvc-ekesa", "barnlakare", 1, "BVC Ekeså och BVC Hagby", ["0-5"], None),
    ("dal-bvc-hagby", "bvc-sjukskoterska", 2, "Hagby, Mossen och landsbygden", ["0-5"], None),
    ("dal-bmm", "barnmorska", 3, "Ekeså kommun", ["18-20"], None),
    ("dal-umo", "umo-kurator", 2, "Unga 13–22 år i Ekeså", ["13-17", "18-20"], None),
    ("dal-umo", "barnmorska", 1, "Unga 13–22 år i Ekeså", ["13-17", "18-20"], None),
    (
        "dal-bup-ekesa",
        "bup-behandlare",
        8,
        "Barn och unga 0–17 år i Ekeså",
        ["0-5", "6-12", "13-17"],
        None,
    ),
    ("dal-bum", "barnlakare", 2, "Barn och unga 0–17 år i Ekeså", ["0-5", "6-12", "13-17"], None),
    ("pol-kommunpolis", "kommunpolis", 2, "Ekeså kommun", ["6-12", "13-17", "18-20"], None),
    ("pol-ungdom", "ungdomsutredare", 4, "Ekeså kommun", ["13-17"], None),
    ("pol-bmb", "bmb-utredare", 4, "Polisområde Dalmark", ["0-5", "6-12", "13-17"], None),
]

# (organisation, function, n-th holder there) of the people with protected identity
PROTECTED = {
    ("eke-soc-utr", "socsek-bou", 7),
    ("eke-soc-vnr", "vnr-samordnare", 2),
    ("eke-gy", "kurator", 2),
    ("pol-ungdom", "ungdomsutredare", 4),
}

GIVEN = [
    "Anna",
    "Erik",
    "Maria",
    "Johan",
    "Karin",
    "Lars",
    "Sara",
    "Mikael",
    "Emma",
    "Anders",
    "Linnea",
    "Fredrik",
    "Elin",
    "Per",
    "Josefin",
    "Magnus",
    "Hanna",
    "Niklas",
    "Malin",
    "Tobias",
    "Amira",
    "Ahmed",
    "Leila",
    "Omar",
    "Fatima",
    "Hassan",
    "Noor",
    "Yusuf",
    "Aino",
    "Mikko",
    "Sanna",
    "Juha",
    "Ingrid",
    "Gunnar",
    "Britt",
    "Sven",
    "Ulla",
    "Kent",
    "Åsa",
    "Örjan",
    "Ebba",
    "Viktor",
    "Matilda",
    "Oskar",
    "Ida",
    "Albin",
    "Tove",
    "Jonatan",
    "Maja",
    "Simon",
    "Helena",
    "Patrik",
    "Sofia",
    "Daniel",
    "Therese",
    "Rasmus",
    "Jenny",
    "Kristoffer",
    "Parisa",
    "Reza",
    "Dragana",
    "Nikola",
    "Zeynep",
    "Hamza",
    "Liv",
    "Arvid",
    "Signe",
    "Alva",
    "Felix",
    "Wilma",
]
FAMILY = [
    "Lindqvist",
    "Öberg",
    "Nyström",
    "Sandberg",
    "Holmgren",
    "Ekström",
    "Dahlberg",
    "Forsberg",
    "Hedlund",
    "Sjögren",
    "Lundin",
    "Wikström",
    "Björklund",
    "Engström",
    "Falk",
    "Åberg",
    "Strand",
    "Bergqvist",
    "Nordin",
    "Hellström",
    "Sundberg",
    "Norberg",
    "Lindholm",
    "Eklund",
    "Östlund",
    "Ali",
    "Hassan",
    "Mohammed",
    "Karimi",
    "Rahimi",
    "Yilmaz",
    "Korhonen",
    "Virtanen",
    "Mäkinen",
    "Petrović",
    "Jovanović",
    "Abdi",
    "Warsame",
    "Ståhl",
    "Granlund",
    "Palm",
    "Rydberg",
    "Svahn",
    "Vestberg",
    "Törnqvist",
    "Hagström",
    "Modig",
    "Blom",
    "Alm",
    "Kvist",
    "Ljungberg",
    "Fors",
    "Ahlgren",
    "Berglöf",
    "Grip",
    "Hallin",
    "Jernberg",
    "Lövgren",
    "Mörk",
    "Rask",
]

LANGUAGES_BY_FAMILY = {
    "Ali": ["sv", "ar"],
    "Hassan": ["sv", "ar", "en"],
    "Mohammed": ["sv", "ar"],
    "Karimi": ["sv", "fa", "en"],
    "Rahimi": ["sv", "fa"],
    "Yilmaz": ["sv", "tr", "en"],
    "Korhonen": ["sv", "fi"],
    "Virtanen": ["sv", "fi", "en"],
    "Mäkinen": ["sv", "fi"],
    "Petrović": ["sv", "sr", "en"],
    "Jovanović": ["sv", "bs"],
    "Abdi": ["sv", "so", "en"],
    "Warsame": ["sv", "so"],
}


def ascii_fold(text: str) -> str:
    """Fold a Swedish name into an e-mail local part."""
    table = str.maketrans("åäöéüćÅÄÖÉÜĆ", "aaoeucAAOEUC")
    return text.translate(table).lower()


def organisation_records(phones: Phones) -> list[dict]:
    records = []
    for key, name, kind, parent, address, pool in ORGANISATIONS:
        domain = (
            REGION_MAIL
            if key.startswith("dal")
            else POLIS_MAIL
            if key.startswith("pol")
            else KOMMUN_MAIL
        )
        if key == "barnahus":
            domain = "barnahusdalmark.test"
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(name)).strip("-")
        parent_phone = next((r["phone"] for r in records if r["id"] == parent), None)
        records.append(
            {
                "id": key,
                "name": name,
                "kind": kind,
                "parent": parent,
                "phone": phones.take(pool) if pool else parent_phone,
                "email": f"{slug.replace('-', '.')}@{domain}",
                "address": address,
                "website": f"https://www.{domain}/{slug}" if parent else f"https://www.{domain}",
            }
        )
    return records


def function_records() -> list[dict]:
    fields = [
        "name",
        "sector",
        "synonyms",
        "summary",
        "mandate",
        "responsibilities",
        "competence",
        "legal_basis",
        "contact_when",
    ]
    return [
        {"id": key, **dict(zip(fields, values, strict=True))} for key, values in FUNCTIONS.items()
    ]


def people_records(phones: Phones) -> list[dict]:
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    names = [(g, f) for f in FAMILY for g in GIVEN]
    rng.shuffle(names)
    held: dict[tuple[str, str], int] = {}
    people = []
    sector = {key: values[1] for key, values in FUNCTIONS.items()}
    for org, function, count, area, ages, extra in STAFFING:
        for index in range(count):
            given, family = names.pop()
            held[org, function] = held.get((org, function), 0) + 1
            domain = (
                REGION_MAIL
                if org.startswith("dal")
                else POLIS_MAIL
                if org.startswith("pol")
                else KOMMUN_MAIL
            )
            pool = (
                "region" if org.startswith("dal") else "polis" if org.startswith("pol") else "mobil"
            )
            title = TITLES[function]
            if function == "bup-behandlare" and index % 3 == 1:
                title = "Kurator, BUP"
            if function == "rektor" and index == 1:
                title = "Biträdande rektor"
            positions = [
                {"function": function, "organisation": org, "area": area, "age_groups": ages}
            ]
            if extra and index == 0:
                positions.append(
                    {"function": extra, "organisation": org, "area": area, "age_groups": ages}
                )
            people.append(
                {
                    "id": f"d{len(people) + 1:03d}",
                    "given_name": given,
                    "family_name": family,
                    "email": f"{ascii_fold(given)}.{ascii_fold(family)}@{domain}",
                    "phone": phones.take(pool),
                    "title": title,
                    "organisation": org,
                    "protected": (org, function, held[org, function]) in PROTECTED,
                    "expertise": sorted(rng.sample(EXPERTISE[sector[function]], 3)),
                    "languages": LANGUAGES_BY_FAMILY.get(
                        family, ["sv", "en"] if rng.random() < 0.6 else ["sv"]
                    ),
                    "positions": positions,
                }
            )
    return people


# --- contact points ------------------------------------------------------------------------

# (id, organisation, name, purpose, e-mail local part, hours, topics); phone is the unit's line
CONTACT_POINTS = [
    (
        "kontaktcenter",
        "eke",
        "Ekeså kommuns kontaktcenter",
        "Kommunens växel och kundtjänst. Svarar på allmänna frågor och kopplar till rätt förvaltning, skola eller enhet.",
        "kontaktcenter",
        "Vardagar 07.30–17.00",
        ["växel", "allmänna frågor", "e-tjänster"],
    ),
    (
        "socjour",
        "eke-soc-jour",
        "Socialjouren Dalmark",
        "Akuta sociala ärenden när socialkontoret är stängt. Tar emot anmälningar om barn som behöver skydd direkt och gör skyddsbedömningar. Jouren arbetar för Ekeså och två grannkommuner.",
        "socialjouren",
        "Vardagar 16.30–08.00, helger och helgdagar dygnet runt",
        [
            "akut oro för barn",
            "orosanmälan kvällstid",
            "skyddsbedömning",
            "våld i hemmet",
            "omedelbart omhändertagande",
        ],
    ),
    (
        "mottagningen-bou",
        "eke-soc-mott",
        "Mottagningen barn och unga",
        "Socialtjänstens ingång för orosanmälningar, ansökningar och anonym rådgivning om barn och unga 0–20 år.",
        "mottagningen.bou",
        "Vardagar 08.00–16.30, telefontid 08.30–11.30 och 13.00–15.00",
        ["orosanmälan", "anmälan om oro", "rådgivning", "ansökan om stöd", "konsultation"],
    ),
    (
        "familjehuset",
        "eke-soc-oppen",
        "Familjehusets rådgivning",
        "Föräldrar och unga kan själva boka samtal och föräldragrupper, utan beslut och utan avgift.",
        "familjehuset",
        "Måndag–torsdag 08.30–16.00, fredag 08.30–12.00",
        ["föräldraskap", "föräldragrupp", "konflikter i familjen", "samtalsstöd"],
    ),
    (
        "famc-oppen",
        "eke-soc-famc",
        "Öppna förskolan på Familjecentralen",
        "Mötesplats för föräldrar med barn 0–5 år tillsammans med BVC och barnmorskemottagningen i samma hus.",
        "familjecentralen",
        "Tisdag–torsdag 09.00–12.00",
        ["öppen förskola", "föräldrastöd", "barn 0–5 år"],
    ),
    (
        "falt",
        "eke-soc-falt",
        "Fältgruppens jourtelefon",
        "Nå fältassistenterna när de arbetar ute, till exempel om unga samlas eller om du oroar dig för en ung person.",
        "faltgruppen",
        "Onsdag–lördag 15.00–23.00",
        ["ungdomar ute", "droger", "oro i området", "SSPF"],
    ),
    (
        "vnr-stod",
        "eke-soc-vnr",
        "Stödlinjen våld i nära relationer",
        "Rådgivning för dig som utsätts för våld eller arbetar med någon som gör det. Du kan vara anonym.",
        "stodlinjen.vald",
        "Vardagar 08.00–16.30",
        [
            "våld i nära relationer",
            "hedersrelaterat våld",
            "skyddat boende",
            "barn som upplever våld",
        ],
    ),
    (
        "elevhalsan",
        "eke-utb-eh",
        "Elevhälsans samordning",
        "Frågor om elevhälsans organisation, skolpsykolog och skolläkare, och om skolhälsojournaler.",
        "elevhalsan",
        "Vardagar 08.00–16.00",
        ["elevhälsa", "skolhälsovård", "skolpsykolog", "journalkopior"],
    ),
    (
        "umo-tidsbokning",
        "dal-umo",
        "Ungdomsmottagningens tidsbokning",
        "Unga 13–22 år bokar tid hos barnmorska eller kurator. Drop-in för unga tisdagar efter skolan.",
        "umo.ekesa",
        "Vardagar 09.00–16.00, drop-in tisdagar 15.00–18.00",
        ["preventivmedel", "samtalsstöd", "sexuell hälsa", "drop-in"],
    ),
    (
        "bup-intag",
        "dal-bup-ekesa",
        "BUP:s intag och rådgivning",
        "Första kontakten med BUP. Vårdnadshavare, unga och remittenter kan ringa för bedömning av om BUP är rätt vårdnivå.",
        "bup.intag",
        "Vardagar 08.00–16.00",
        ["remiss till BUP", "psykisk ohälsa", "akut bedömning", "suicidrisk"],
    ),
    (
        "vardguiden",
        "dal",
        "Vårdguiden Region Dalmark",
        "Sjukvårdsrådgivning dygnet runt och hjälp att hitta rätt vårdnivå.",
        "vardguiden",
        "Dygnet runt",
        ["sjukvårdsrådgivning", "akut sjukdom", "vart ska jag vända mig"],
    ),
    (
        "polis-kontakt",
        "pol",
        "Polisens kontaktcenter",
        "Anmäl brott och få kontakt med Lokalpolisområde Ekeså. Vid pågående brott eller fara: ring 112.",
        "kontaktcenter",
        "Dygnet runt",
        ["polisanmälan", "anmäla brott", "tips till polisen"],
    ),
    (
        "barnahus-samrad",
        "barnahus",
        "Barnahus Dalmark – samråd",
        "Bokar samråd mellan socialtjänst, polis, åklagare och hälso- och sjukvård när ett barn kan ha utsatts för våld eller övergrepp.",
        "samrad",
        "Vardagar 08.00–16.00",
        ["samråd", "barnförhör", "misstanke om misshandel", "sexuella övergrepp"],
    ),
]


def contact_point_records(organisations: list[dict]) -> list[dict]:
    by_id = {o["id"]: o for o in organisations}
    records = []
    for key, org, name, purpose, local, hours, topics in CONTACT_POINTS:
        domain = by_id[org]["email"].split("@")[1]
        records.append(
            {
                "id": key,
                "organisation": org,
                "name": name,
                "purpose": purpose,
                "phone": by_id[org]["phone"],
                "email": f"{local}@{domain}",
                "hours": hours,
                "topics": topics,
            }
        )
    return records


# --- content -------------------------------------------------------------------------------

ALL_AGES = ["0-5", "6-12", "13-17", "18-20"]

GUIDELINES = [
    (
        {
            "title": "Orosanmälan – så gör du när du är orolig för ett barn",
            "slug": "orosanmalan",
            "summary": "För dig som arbetar med barn i Ekeså: när du ska anmäla oro till socialtjänsten, hur du gör och vad som händer sedan.",
            "owner": "eke-soc",
            "contact_function": "socsek-mott",
            "tags": ["orosanmälan", "anmälningsplikt", "barn som far illa"],
            "audience": [
                "rektor",
                "forskolerektor",
                "kurator",
                "skolskoterska",
                "bvc-sjukskoterska",
                "fritidsledare",
            ],
            "age_groups": ALL_AGES,
            "valid_from": "2025-07-01",
            "review_by": "2026-12-31",
        },
        """## Vem ska anmäla?
Du som arbetar med barn i förskola, skola, fritidsgård, hälso- och sjukvård, socialtjänst eller polis är skyldig att genast anmäla till socialtjänsten om du misstänker att ett barn far illa. Skyldigheten gäller dig personligen. Du kan inte lämna över den till din chef, men ni kan göra anmälan tillsammans.

Sedan den 1 juli 2025 finns anmälningsplikten i den nya socialtjänstlagen (2025:400). Tidigare stod den i 14 kap. 1 § SoL (2001:453). Sekretess hindrar inte att du anmäler.

## När ska du anmäla?
Du behöver inte vara säker. Det räcker att du misstänker att barnet far illa. Det kan till exempel vara att barnet

- har skador som ingen kan förklara
- berättar om våld, hot eller övergrepp
- inte vill gå hem eller är rädd för en vuxen
- ofta är hungrigt, smutsigt eller saknar kläder efter väder
- lever med en förälder som missbrukar eller mår mycket dåligt.

## Så gör du
1. Prata med din chef eller med kurator, skolsköterska eller BVC-kollega samma dag.
2. Ring Mottagningen barn och unga om du vill rådgöra. Du kan vara anonym och behöver inte säga barnets namn.
3. Gör anmälan skriftligt i kommunens e-tjänst. Skriv vad du har sett och hört, med barnets egna ord om möjligt.
4. Om barnet inte kan gå hem: ring och vänta på besked innan barnet lämnar verksamheten.
5. Efter kl. 16.30 och på helger ringer du Socialjouren Dalmark.

## Berätta inte för vårdnadshavarna om
misstanken gäller våld eller sexuella övergrepp från någon i familjen. Då bestämmer socialtjänsten och polisen vad som ska sägas och när. Läs rutinen om samråd och barnahus.

## Vad händer sedan?
Socialtjänsten bedömer samma dag om barnet behöver skydd. Inom 14 dagar avgör mottagningen om en utredning ska startas. Du som anmält i ditt arbete får veta om utredning startas, inte startas eller redan pågår. Din verksamhet fortsätter att stötta barnet som vanligt.
""",
    ),
    (
        {
            "title": "Misstanke om våld eller övergrepp mot ett barn – samråd och barnahus",
            "slug": "samrad-barnahus",
            "summary": "Vad du gör när ett barn kan ha utsatts för våld eller sexuella övergrepp, och hur socialtjänst, polis och hälso- och sjukvård samråder på Barnahus Dalmark.",
            "owner": "eke-soc",
            "contact_function": "vnr-samordnare",
            "tags": ["barnahus", "samråd", "misshandel", "sexuella övergrepp", "polisanmälan"],
            "audience": [
                "socsek-mott",
                "socsek-bou",
                "kurator",
                "rektor",
                "bvc-sjukskoterska",
                "bmb-utredare",
            ],
            "age_groups": ALL_AGES,
            "valid_from": "2024-09-01",
            "review_by": "2026-08-31",
        },
        """## Det viktigaste först
Om ett barn berättar om våld eller övergrepp: lyssna, ställ inga ledande frågor och skriv ner vad barnet sa, ordagrant om det går. Kontakta sedan socialtjänsten direkt. Prata inte med vårdnadshavarna om misstanken gäller någon i familjen.

## Samråd
Socialtjänsten tar ställning till om polisanmälan ska göras och begär då samråd på Barnahus Dalmark. I samrådet deltar socialsekreterare, utredare från gruppen brott mot barn, åklagare och vid behov barnläkare. Samrådet beslutar

- om och när barnet ska höras av polisen
- om barnet behöver en läkarundersökning
- när och hur vårdnadshavarna informeras
- vilket stöd barnet och familjen ska få.

Samråd kan ske samma dag när det är bråttom. Skolan eller förskolan kan bli ombedd att låta barnet stanna kvar tills socialtjänsten kommer.

## Barnförhör och läkarundersökning
Barnförhöret hålls i barnahusets förhörsrum och spelas in, så att barnet bara behöver berätta en gång. Barnläkare från barn- och ungdomsmedicinska mottagningen undersöker skador samma dag eller nästa.

## Efteråt
Barnet och familjen erbjuds krisstöd och behandling. Den verksamhet som anmälde får återkoppling från socialtjänsten, men inte detaljer ur förundersökningen. Frågor om arbetsgången besvarar samordnaren för våld i nära relationer.
""",
    ),
    (
        {
            "title": "Gemensam rutin vid oroande skolfrånvaro",
            "slug": "skolfranvaro-rutin",
            "summary": "Hur skolan, elevhälsan, socialtjänsten och BUP tillsammans agerar när en elev är borta mycket från skolan – steg för steg från första veckan.",
            "owner": "eke-utb",
            "contact_function": "kurator",
            "tags": ["skolfrånvaro", "närvaro", "elevhälsa", "hemmasittare"],
            "audience": [
                "rektor",
                "kurator",
                "skolskoterska",
                "specialpedagog",
                "socsek-mott",
                "bup-behandlare",
            ],
            "age_groups": ["6-12", "13-17", "18-20"],
            "valid_from": "2025-01-01",
            "review_by": "2026-06-30",
        },
        """## Varför en gemensam rutin?
Frånvaro är ofta ett tecken på att något annat är svårt – i skolan, i hälsan eller hemma. Ju tidigare vi agerar tillsammans, desto lättare är det för eleven att komma tillbaka.

## Steg för steg
1. **Samma dag:** mentorn kontaktar vårdnadshavare när en elev är borta utan anmälan.
2. **Efter 10 procent frånvaro under en månad:** mentorn pratar med eleven och vårdnadshavarna och informerar rektor.
3. **Efter 20 procent eller upprepad ogiltig frånvaro:** rektor startar en utredning enligt 7 kap. 19 a § skollagen. Elevhälsoteamet kartlägger orsaker – kunskapsmässiga, sociala och hälsomässiga.
4. **När orsaken ligger utanför skolan:** kurator rådgör med Mottagningen barn och unga. Vid oro för att eleven far illa görs en orosanmälan.
5. **När eleven behöver stöd från flera:** skolan erbjuder SIP tillsammans med socialtjänsten och vid behov BUP eller vårdcentralen.

## Ansvar
- Rektor ansvarar för utredningen och för att eleven får stöd i skolan.
- Skolsköterskan bedömer hälsoorsaker och remitterar vid behov.
- Socialtjänsten utreder barnets hela situation när det finns skäl till det.
- BUP bedömer psykisk ohälsa på remiss eller när familjen själv söker.

## Uppföljning
Elevhälsoteamet följer upp varannan vecka tills närvaron är stabil. Frånvaro sammanställs per skola och redovisas för arbetsgruppen för elevhälsa varje termin.
""",
    ),
    (
        {
            "title": "SIP – så tar vi fram en samordnad individuell plan",
            "slug": "sip-rutin",
            "summary": "När ett barn behöver stöd från både kommunen och regionen ska en samordnad individuell plan (SIP) tas fram. Här står vem som kallar, hur mötet går till och hur planen följs upp.",
            "owner": "eke-soc",
            "contact_function": "enhetschef-bou",
            "tags": ["SIP", "samordnad individuell plan", "samordning"],
            "audience": [
                "socsek-bou",
                "kurator",
                "skolskoterska",
                "bup-behandlare",
                "bvc-sjukskoterska",
                "rektor",
            ],
            "age_groups": ALL_AGES,
            "valid_from": "2024-01-01",
            "review_by": "2026-12-31",
        },
        """## När ska SIP erbjudas?
När ett barn eller en ung person behöver insatser från både kommunen (socialtjänst, skola, förskola) och regionen (BVC, vårdcentral, BUP, UMO, barn- och ungdomsmedicin) och insatserna behöver samordnas. Barnet och vårdnadshavarna ska samtycka.

## Vem kallar?
Den verksamhet som först ser behovet kallar – du behöver inte vänta på att någon annan gör det. Kallelsen skickas inom två veckor efter samtycke, på den gemensamma blanketten.

## Mötet
- Barnet är med om hen vill och kan. Barnets åsikter skrivs in i planen.
- Varje verksamhet skickar någon som kan fatta beslut om den egna verksamhetens insatser.
- Planen beskriver vem som gör vad och när, och vem som har huvudansvaret.
- Nästa uppföljning bokas innan mötet avslutas.

## Om ni inte blir överens
Lyft frågan till närmaste chefer. Olösta frågor går vidare till styrgruppen för barns bästa. Barnets insatser får inte vänta medan ansvarsfrågan löses.

## Lagstöd
Kommunen och regionen är skyldiga att upprätta SIP enligt socialtjänstlagen och 16 kap. 4 § hälso- och sjukvårdslagen (2017:30). Se också den gemensamma överenskommelsen om samverkan för barns bästa.
""",
    ),
    (
        {
            "title": "Överlämning från BVC och förskola till förskoleklass",
            "slug": "overlamning-forskola-skola",
            "summary": "Så lämnar BVC och förskolan över information om barn som behöver extra stöd när de börjar förskoleklass – med vårdnadshavarnas samtycke.",
            "owner": "eke-utb",
            "contact_function": "forskolerektor",
            "tags": ["överlämning", "förskoleklass", "skolstart", "samtycke"],
            "audience": [
                "forskolerektor",
                "rektor",
                "specialpedagog",
                "bvc-sjukskoterska",
                "skolskoterska",
            ],
            "age_groups": ["0-5", "6-12"],
            "valid_from": "2024-08-01",
            "review_by": "2026-03-31",
        },
        """## Syfte
Barn som har fått stöd i förskolan eller på BVC ska möta en skola som redan vet vad som hjälper dem. Överlämningen sker med vårdnadshavarnas samtycke.

## Tidsplan
- **Februari:** förskolan frågar vårdnadshavare om samtycke till överlämning. Blanketten finns på svenska, arabiska, somaliska och finska.
- **Mars–april:** överlämningssamtal mellan förskola och mottagande skola. Specialpedagog deltar när barnet har haft särskilt stöd.
- **Maj:** BVC skickar hälsouppgifter till skolsköterskan, efter samtycke.
- **Augusti:** uppföljning på skolan efter fyra veckor.

## Vad lämnas över?
Barnets styrkor och intressen, vilket stöd som har fungerat, vad barnet själv vill att skolan ska veta och vilka andra verksamheter som är inblandade. Lämna bara över det som behövs för att skolan ska kunna ge rätt stöd.

## När vårdnadshavare säger nej
Då lämnas inga uppgifter över. Förskolan informerar om att vårdnadshavarna själva kan berätta för skolan. Oro för att ett barn far illa anmäls alltid till socialtjänsten – samtycke behövs inte för en orosanmälan.
""",
    ),
    (
        {
            "title": "Oro för suicid hos ett barn eller en ung person",
            "slug": "suicidrisk-unga",
            "summary": "Vad du gör om ett barn eller en ung person pratar om att ta sitt liv eller skadar sig själv: fråga, stanna kvar och se till att hen får hjälp samma dag.",
            "owner": "dal-bup",
            "contact_function": "bup-behandlare",
            "tags": ["suicid", "självskada", "psykisk ohälsa", "akut"],
            "audience": [
                "kurator",
                "skolskoterska",
                "umo-kurator",
                "fritidsledare",
                "faltassistent",
                "socsek-bou",
            ],
            "age_groups": ["6-12", "13-17", "18-20"],
            "valid_from": "2025-03-01",
            "review_by": "2026-09-30",
        },
        """## Fråga rakt
Att fråga om självmordstankar ökar inte risken. Fråga lugnt och tydligt: "Har du tänkt på att ta ditt liv?" Lyssna utan att värdera.

## Om risken är akut
Om personen har en plan, har skadat sig allvarligt eller inte kan lova att vara säker:

1. Lämna inte personen ensam.
2. Ring 112.
3. Kontakta vårdnadshavare när det gäller ett barn under 18 år.

## Om risken inte är akut
- Dagtid: ring BUP:s intag och rådgivning för en bedömning. För den som är 18 år eller äldre: vårdcentralen eller Vårdguiden Region Dalmark.
- Informera elevhälsan på skolan – kurator eller skolsköterska.
- Gör en orosanmälan om du misstänker att personen far illa hemma.

## Efteråt
Den som har fått hjälp ska ha en trygg vuxen att prata med i vardagen. BUP kallar till SIP när skola och socialtjänst behöver vara delaktiga. Tänk också på dig själv och dina kollegor – prata med din chef.
""",
    ),
]

DIRECTIVES = [
    (
        {
            "title": "Samverkansplan för barns bästa i Ekeså 2024–2027",
            "slug": "samverkansplan-barns-basta",
            "summary": "Gemensam plan för hur Ekeså kommun, Region Dalmark och Polisområde Dalmark samverkar för att barn och unga ska få rätt stöd i tid.",
            "owner": "eke-kld",
            "contact_function": "barnrattsstrateg",
            "tags": ["samverkansplan", "barns bästa", "styrning", "styrgrupp", "2+2"],
            "audience": [
                "enhetschef-bou",
                "rektor",
                "forskolerektor",
                "elevhalsochef",
                "kommunpolis",
                "barnets-basta",
            ],
            "age_groups": ALL_AGES,
            "diary_number": "KS 2024/118",
            "parties": ["eke", "dal", "pol"],
            "decided_by": "Kommunstyrelsen i Ekeså kommun, hälso- och sjukvårdsnämnden i Region Dalmark och chefen för Lokalpolisområde Ekeså",
            "decided_on": "2024-03-19",
            "valid_from": "2024-04-01",
            "valid_to": "2027-12-31",
            "review_by": "2027-06-30",
        },
        """## Syfte
Alla barn i Ekeså ska få växa upp tryggt och få det stöd de behöver – tidigt, samordnat och med barnets bästa i centrum. Planen beskriver hur kommunen, regionen och polisen ska samverka för att nå dit.

## Framgångsfaktorer
- En beskrivning av varje funktions ansvar och kompetens, som alla kan hitta i portalen.
- Gemensamma skriftliga rutiner och direktiv.
- Kända forum där beslut dokumenteras.
- Kunskap om varandras uppdrag, förutsättningar och mandat.

## Styrning på tre nivåer
1. **Politisk nivå:** socialnämnden, barn- och utbildningsnämnden och kultur- och fritidsnämnden i kommunen och hälso- och sjukvårdsnämnden i regionen. Nämnderna möts i **2+2-mötet** tre gånger per år.
2. **Styrgruppen för barns bästa:** förvaltningschefer och verksamhetschefer från kommunen, regionen och polisen. Styrgruppen möts minst åtta gånger per år, tar fram aktivitetsplanen och följer upp planen.
3. **Arbetsgrupper:** barnteamet, elevhälsa, familjecentralen, fältarbete, barnkonventionen, tidiga samordnade insatser och våld i nära relationer. Varje grupp har en sammankallande och rapporterar till styrgruppen.

## Strategier
- Vi använder SIP när ett barn behöver stöd från flera huvudmän.
- Vi erbjuder stöd på hemmaplan innan placering.
- Vi låter barn komma till tals i frågor som rör dem.
- Vi följer upp varje år och reviderar planen senast 2027.

## Aktivitetsplan
Styrgruppen beslutar varje år om en aktivitetsplan med aktiviteter, ansvariga och datum. Barnrättsstrategen sammanställer uppföljningen till 2+2-mötet i november.
""",
    ),
    (
        {
            "title": "Direktiv om tidiga samordnade insatser (TSI) 2022",
            "slug": "direktiv-tsi-2022",
            "summary": "Tidigare direktiv om hur förskola, skola, socialtjänst och BVC samordnar tidiga insatser för barn och familjer. Ersatt av 2025 års direktiv.",
            "owner": "eke-soc",
            "contact_function": "enhetschef-bou",
            "tags": ["tidiga insatser", "TSI", "förebyggande"],
            "audience": ["enhetschef-bou", "forskolerektor", "rektor", "bvc-sjukskoterska"],
            "age_groups": ["0-5", "6-12"],
            "diary_number": "SN 2022/041",
            "parties": ["eke", "dal"],
            "decided_by": "Socialnämnden och barn- och utbildningsnämnden i Ekeså kommun",
            "decided_on": "2022-02-15",
            "valid_from": "2022-03-01",
            "valid_to": "2024-12-31",
            "review_by": "2024-10-31",
        },
        """## Bakgrund
Direktivet infördes för att barn med tidiga tecken på svårigheter skulle få stöd innan problemen växer. Det gällde barn 0–12 år.

## Innehåll
- Varje förskoleområde och skola utsåg en kontaktperson för tidiga insatser.
- Familjehuset erbjöd föräldrastöd utan beslut.
- BVC och förskola träffades en gång per termin.

## Status
Direktivet har ersatts av Direktiv om tidiga samordnade insatser (TSI) 2025, som även omfattar unga upp till 20 år och fältgruppen.
""",
    ),
    (
        {
            "title": "Direktiv om tidiga samordnade insatser (TSI) 2025",
            "slug": "direktiv-tsi-2025",
            "summary": "Hur förskola, skola, elevhälsa, socialtjänst, fritid, BVC och ungdomsmottagningen samordnar tidiga insatser för barn och unga 0–20 år.",
            "owner": "eke-soc",
            "contact_function": "enhetschef-bou",
            "tags": ["tidiga insatser", "TSI", "förebyggande", "samordning"],
            "audience": [
                "enhetschef-bou",
                "forskolerektor",
                "rektor",
                "kurator",
                "bvc-sjukskoterska",
                "faltassistent",
                "fritidsledare",
            ],
            "age_groups": ALL_AGES,
            "diary_number": "SN 2024/203",
            "parties": ["eke", "dal"],
            "decided_by": "Socialnämnden, barn- och utbildningsnämnden och kultur- och fritidsnämnden i Ekeså kommun samt hälso- och sjukvårdsnämnden i Region Dalmark",
            "decided_on": "2024-11-26",
            "valid_from": "2025-01-01",
            "valid_to": "2027-12-31",
            "review_by": "2027-06-30",
            "replaces": "direktiv-tsi-2022",
        },
        """## Vad är tidiga samordnade insatser?
Stöd som ges tidigt, innan ett barns svårigheter blir stora, och där flera verksamheter arbetar åt samma håll. Insatserna är frivilliga och bygger på samtycke.

## Parternas åtaganden
1. **Förskola och skola** uppmärksammar tidiga tecken – frånvaro, oro, förändrat beteende – och tar upp dem i elevhälsoteamet.
2. **Socialtjänsten** erbjuder rådgivning och föräldrastöd utan utredning genom Familjehuset och Familjecentralen.
3. **Fritid och fältgruppen** fångar upp unga på fritiden och lotsar till stöd.
4. **BVC och ungdomsmottagningen** samverkar med förskola, elevhälsa och socialtjänst kring barn och unga de möter.

## Arbetssätt
- Ett gemensamt konsultationsteam per skolområde träffas en gång i månaden. Ärenden tas upp avidentifierat eller med samtycke.
- Den som först ser behovet ansvarar för att ta kontakt – inte för att lösa allt själv.
- Behöver barnet stöd från både kommunen och regionen erbjuds SIP.

## Uppföljning
Arbetsgruppen för tidiga samordnade insatser följer upp direktivet varje år och rapporterar till styrgruppen för barns bästa.

## Ersätter
Detta direktiv ersätter Direktiv om tidiga samordnade insatser (TSI) 2022.
""",
    ),
    (
        {
            "title": "Gemensamt direktiv för SSPF i Ekeså",
            "slug": "direktiv-sspf",
            "summary": "Överenskommelse mellan Ekeså kommun och Polisområde Dalmark om samverkan mellan skola, socialtjänst, polis och fritid kring unga i riskzon.",
            "owner": "eke-soc",
            "contact_function": "sspf-samordnare",
            "tags": ["SSPF", "unga i riskzon", "kriminalitet", "samverkan"],
            "audience": [
                "sspf-samordnare",
                "kommunpolis",
                "faltassistent",
                "kurator",
                "rektor",
                "fritidsledare",
                "socsek-bou",
            ],
            "age_groups": ["13-17"],
            "diary_number": "KS 2023/267",
            "parties": ["eke", "pol"],
            "decided_by": "Kommunstyrelsen i Ekeså kommun och chefen för Lokalpolisområde Ekeså",
            "decided_on": "2023-09-12",
            "valid_from": "2023-10-01",
            "valid_to": "2026-12-31",
            "review_by": "2026-06-30",
        },
        """## Målgrupp
Unga 12–18 år i Ekeså som riskerar att hamna i kriminalitet eller missbruk, och deras familjer.

## Organisation
- **Styrgrupp SSPF:** chefer från socialförvaltningen, barn- och utbildningsförvaltningen, kultur- och fritidsförvaltningen och kommunpolisen. Möts fyra gånger per år.
- **Operativ grupp:** SSPF-samordnaren, fältassistenter, kuratorer, fritidsledare och ungdomsutredare. Möts varannan vecka.

## Arbetsgång
1. Den som är orolig kontaktar SSPF-samordnaren.
2. Samordnaren inhämtar skriftligt samtycke från den unge och vårdnadshavarna.
3. Ett SSPF-möte tar fram en handlingsplan med den unge: skola, fritid, stöd och vem som gör vad.
4. Handlingsplanen följs upp var sjätte vecka.

## Sekretess
Utan samtycke får uppgifter bara lämnas när offentlighets- och sekretesslagen tillåter det, till exempel vid orosanmälan eller enligt 10 kap. 18 b § OSL. Lägesbilder på gruppnivå lämnas avidentifierade.

## Uppföljning
Samordnaren redovisar antal ärenden och resultat till styrgrupp SSPF varje kvartal och till styrgruppen för barns bästa en gång per år.
""",
    ),
]

GLOSSARY_TERMS = {
    "2+2-möte": (
        "Möte mellan presidierna i två kommunala nämnder och två regionala nämnder – den politiska nivån i samverkan för barns bästa.",
        ["tvåplustvå", "presidiemöte"],
    ),
    "BBIC": (
        "Barns behov i centrum – socialtjänstens arbetssätt för utredning, planering och uppföljning.",
        ["barns behov i centrum"],
    ),
    "BMM": (
        "Barnmorskemottagning, också kallad mödrahälsovård.",
        ["mödravård", "MVC", "mödrahälsovård"],
    ),
    "BUM": (
        "Barn- och ungdomsmedicin – regionens specialistvård för barns kroppsliga sjukdomar.",
        ["barnmedicin", "barnkliniken"],
    ),
    "BUP": (
        "Barn- och ungdomspsykiatri – regionens specialistvård vid måttlig till svår psykisk ohälsa.",
        ["barnpsyk", "barnpsykiatrin"],
    ),
    "BVC": (
        "Barnavårdscentral – hälsovård för barn 0–5 år.",
        ["barnavårdscentral", "barnhälsovård"],
    ),
    "EHT": (
        "Elevhälsoteam – rektor, kurator, skolsköterska, skolpsykolog och specialpedagog.",
        ["elevhälsoteam", "elevhälsomöte"],
    ),
    "FREDA": (
        "Socialstyrelsens bedömningsmetoder för att upptäcka och bedöma våld i nära relationer.",
        ["FREDA-kortfrågor"],
    ),
    "HVB": (
        "Hem för vård eller boende – institution för placerade barn och unga.",
        ["behandlingshem", "institution"],
    ),
    "IFO": (
        "Individ- och familjeomsorgen – den del av socialtjänsten som arbetar med barn, unga, familjer och vuxna.",
        ["individ- och familjeomsorg"],
    ),
    "LUL": (
        "Lagen (1964:167) med särskilda bestämmelser om unga lagöverträdare.",
        ["lagen om unga lagöverträdare"],
    ),
    "LVU": (
        "Lagen (1990:52) med särskilda bestämmelser om vård av unga – vård utan samtycke.",
        ["tvångsvård", "tvångsomhändertagande"],
    ),
    "NPF": (
        "Neuropsykiatriska funktionsnedsättningar, till exempel adhd och autism.",
        ["neuropsykiatrisk funktionsnedsättning", "adhd", "autism"],
    ),
    "OSL": ("Offentlighets- och sekretesslagen (2009:400).", ["sekretesslagen"]),
    "Orosanmälan": (
        "Anmälan till socialtjänsten om att ett barn kan behöva skydd eller stöd.",
        ["anmälan om oro", "barnavårdsanmälan", "anmälningsplikt"],
    ),
    "SIP": (
        "Samordnad individuell plan – när ett barn behöver insatser från både kommunen och regionen.",
        ["samordnad individuell plan", "samordnad plan"],
    ),
    "SkolL": ("Skollagen (2010:800).", ["skollagen"]),
    "SoL": (
        "Socialtjänstlagen – sedan 1 juli 2025 lag (2025:400), tidigare lag (2001:453).",
        ["socialtjänstlagen"],
    ),
    "SSPF": (
        "Skola, socialtjänst, polis och fritid – samverkan kring unga i riskzon.",
        ["skola socialtjänst polis fritid"],
    ),
    "TSI": ("Tidiga samordnade insatser för barn och unga.", ["tidiga insatser"]),
    "UMO": ("Ungdomsmottagning för unga 13–22 år.", ["ungdomsmottagning", "ungdomsmottagningen"]),
    "VNR": ("Våld i nära relationer.", ["relationsvåld", "våld i hemmet", "partnervåld"]),
    "Skyddsbedömning": (
        "Socialtjänstens bedömning samma dag som en anmälan kommer in av om barnet behöver skydd direkt.",
        ["akut bedömning"],
    ),
    "Förhandsbedömning": (
        "Socialtjänstens bedömning inom 14 dagar av om en utredning ska inledas.",
        ["förhandsbedömningen"],
    ),
    "Barnahus": (
        "Plats där polis, åklagare, socialtjänst och hälso- och sjukvård samarbetar kring barn som kan ha utsatts för brott.",
        ["barnens hus"],
    ),
}

GLOSSARY = (
    {
        "title": "Ordlista för samverkan kring barn och unga",
        "slug": "ordlista",
        "summary": "Förkortningar och ord som socialtjänst, skola, hälso- och sjukvård och polis i Ekeså använder – förklarade på vanlig svenska.",
        "owner": "eke-kld",
        "contact_function": "barnrattsstrateg",
        "tags": ["ordlista", "förkortningar", "begrepp"],
        "audience": [],
        "age_groups": [],
        "valid_from": "2024-01-01",
        "review_by": "2026-12-31",
    },
    """Ordlistan hjälper dig att förstå varandras språk. Saknar du ett ord? Hör av dig till barnrättsstrategen.

Orden används också av sökfunktionen: söker du på en synonym hittar du det som står under förkortningen.
""",
)


def yaml_scalar(value) -> str:
    """A YAML scalar: dates and plain words bare, everything else double-quoted (JSON is valid YAML)."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return value
    return json.dumps(value, ensure_ascii=False)


def markdown_file(kind: str, meta: dict, body: str, extra: str = "") -> str:
    lines = ["---", f"type: {kind}"]
    lines += [f"{key}: {yaml_scalar(value)}" for key, value in meta.items()]
    return "\n".join(lines) + "\n" + extra + "---\n" + body


def glossary_extra() -> str:
    terms = "".join(
        f"  {json.dumps(t, ensure_ascii=False)}: {json.dumps(d, ensure_ascii=False)}\n"
        for t, (d, _) in GLOSSARY_TERMS.items()
    )
    synonyms = "".join(
        f"  {json.dumps(t, ensure_ascii=False)}: {json.dumps(s, ensure_ascii=False)}\n"
        for t, (_, s) in GLOSSARY_TERMS.items()
    )
    return f"terms:\n{terms}synonyms:\n{synonyms}"


def content_files() -> dict[str, str]:
    files = {}
    for meta, body in GUIDELINES:
        files[f"{meta['slug']}.md"] = markdown_file("guideline", meta, body)
    for meta, body in DIRECTIVES:
        files[f"{meta['slug']}.md"] = markdown_file("directive", meta, body)
    meta, body = GLOSSARY
    files[f"{meta['slug']}.md"] = markdown_file("glossary", meta, body, glossary_extra())
    return files


def build() -> tuple[dict, dict[str, str]]:
    phones = Phones()
    organisations = organisation_records(phones)
    bundle = {
        "organisations": organisations,
        "functions": function_records(),
        "people": people_records(phones),
        "contact_points": contact_point_records(organisations),
    }
    return bundle, content_files()


def main() -> None:
    bundle, files = build()
    text = json.dumps(bundle, ensure_ascii=False, indent=1) + "\n"
    (HERE / "directory.json").write_text(text, encoding="utf-8")
    (HERE / "content").mkdir(exist_ok=True)
    for name, content in files.items():
        (HERE / "content" / name).write_text(content, encoding="utf-8")
    people = bundle["people"]
    print(
        f"{len(bundle['organisations'])} organisations, {len(bundle['functions'])} functions, "
        f"{len(people)} people ({sum(p['protected'] for p in people)} protected), "
        f"{len(bundle['contact_points'])} contact points, {len(files)} content files"
    )


if __name__ == "__main__":
    main()
