/**
 * Function words per language the router reads besides English, written
 * accent-free and lower-case (as normalizeText leaves them). They do two jobs:
 * detectLanguage counts them to tell the languages apart, and textFeatures
 * drops them (with the English ones) so that a short message's few content
 * words decide, as stopwords.ts does for English. Hindi also lists the
 * spellings transliterateDevanagari.ts gives ("naheen", "kyaa", "men").
 *
 * Kept to words that say nothing about a domain: "equipo", "clase", "team" and
 * "dard" carry signal and stay out. Romanised Hindi lists the spellings people
 * actually type ("nahi", "nahin", "nhi").
 */
export const ROUTED_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it', 'hi'] as const;
export type RoutedLanguage = (typeof ROUTED_LANGUAGES)[number];
/** ISO 639-1 code, or 'und' when the text does not say. */
export type LanguageCode = RoutedLanguage | 'und';

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

export const LANGUAGE_STOPWORDS: Readonly<Record<Exclude<RoutedLanguage, 'en'>, ReadonlySet<string>>> = {
  es: words(`el la los las lo de del que y e o u en un una unos unas es son por para con sin no mi mis me te se le les su sus tu
    yo como cual cuales que quien donde cuando cuanto cuanta cuantos cuantas pero mas muy hay tengo tiene tienes puedo puede
    puedes hace hacer sobre al este esta estos estas ese esa eso esto estoy esta estan ser estar desde hasta entre algo alguien
    hola vale bueno gracias porque pues si ya tambien todo toda todos todas nada otro otra mucho mucha muchos poco cada
    he ha han hemos sea debo deberia quiero necesito dime ayudame alguna algun ni nos os mio mia tuyo`),
  fr: words(`le la les l de des du d un une et ou est sont en que qu qui quoi pour par pas ne n je j tu il elle on nous vous ils
    elles ma mon mes ta ton tes sa son ses ce c cet cette ces cela ca avec sans sur sous au aux dans chez comment quel quelle
    quels quelles combien pourquoi quand ou est-ce moi toi lui leur leurs y a ai as avons avez ont suis es sommes etes fait
    faire peux peut veux dois faut tres plus moins bien aussi tout tous toute toutes rien quelque bonjour salut merci depuis
    vais va si mais donc alors comme encore deja m s t svp`),
  de: words(`der die das den dem des ein eine einen einem einer eines und oder aber ist sind war bin bist sein ich du er sie es wir
    ihr mein meine meinen meinem meiner dein deine sein seine ihre unser mir mich dir dich uns sich zu zum zur von vom mit fur
    auf an am im in aus bei seit nach uber unter vor wie was wer wo wann warum welche welcher welches wieviel kann konnen
    kannst muss mussen soll sollte will mochte habe hast hat haben wird werden wurde nicht kein keine keinen noch schon auch
    nur sehr mal dass wenn ob so da hier dort jetzt immer oft bitte danke hallo gibt etwas man`),
  pt: words(`o a os as de do da dos das que e ou em no na nos nas um uma uns umas e para pra pro com sem nao meu minha meus minhas
    me te se lhe seu sua seus suas voce voces eu ele ela eles elas nos como qual quais quem onde quando quanto quanta quantos
    mas mais muito muita ja tambem isso isto esse essa este esta estou esta estao tenho tem ter faz fazer posso pode preciso
    quero sobre ao aos ate depois desde entre oi ola obrigado obrigada valeu to ta pq oq vc tudo todo toda nada algum alguma
    sou foi fui ser`),
  it: words(`il lo la i gli le l di del dello della dei degli delle da dal dalla che e ed o in nel nella nei un una uno per con
    senza non mi ti si ci vi mio mia miei mie tuo tua suo sua come cosa quale quali chi dove quando quanto quanta quanti perche
    ma piu molto molta anche gia questo questa questi quello quella sono sei siamo ho hai ha abbiamo hanno fare fa posso puoi
    puo devo voglio su sul sulla al alla ai alle tra fra dopo prima ciao grazie tutto tutti tutta niente qualche ogni sempre
    ancora`),
  hi: words(`hai hain ha he kya kyaa kaise kaisa kaisi ka ki ke ko kon se mein me main mai aur or nahi nahin nhi na mera meri mere
    mujhe mujhko hum hame hume humko tum tumhe aap aapko apna apni apne wo woh ye yeh yah vo vah unka unki unke iska iski iske
    uska uski uske hu hoon ho hota hoti hote tha thi the raha rahi rahe rha rhi karu karun karoon kare karein karo karna karte
    karta karti kar kr ek bhi par pe liye lie baare bare kuch koi sab bahut bohot kyun kyon kab kahan kaun kaunsa kaunsi chahiye
    chahie sakta sakte sakti ji bhai yaar abhi phir fir toh to bas wala wali wale ab jo jab
    naheen kyaa rahaa rahee men kee thaa thee hotaa hotee kaisaa kaisee apnaa apnee chaahie chaahiye sakataa sakate`),
};
