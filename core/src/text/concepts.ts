import { stem } from './tokens.js';

/**
 * Hand-built concept lexicon: each concept lists words that mean the same thing for a
 * service business. A phrase word and a message word match when they share a concept.
 */
const CONCEPTS: Record<string, string[]> = {
  family: ['family', 'wife', 'husband', 'spouse', 'partner', 'kid', 'kids', 'child', 'children', 'son', 'daughter', 'mother', 'mom', 'mum', 'mommy', 'father', 'dad', 'daddy', 'parent', 'parents', 'brother', 'sister', 'sibling', 'aunt', 'uncle', 'cousin', 'niece', 'nephew', 'grandma', 'grandpa', 'grandmother', 'grandfather', 'grandparent', 'in-law', 'inlaw', 'fiance', 'fiancee', 'girlfriend', 'boyfriend', 'relative', 'household', 'stepson', 'stepdaughter', 'mother-in-law', 'father-in-law', 'teenager', 'baby', 'ex', 'ex-wife', 'ex-husband', 'twins', 'stepmom', 'stepdad'],
  personal: ['personal', 'private', 'individual', 'own', 'home', 'household', 'side', 'hobby', 'turbotax', '1040', 'owner', 'owners', 'myself', 'gaming', 'son', 'daughter', 'wife', 'husband', 'kids', 'family'],
  friend: ['friend', 'friends', 'buddy', 'neighbor', 'neighbour', 'roommate', 'colleague', 'acquaintance', 'pal'],
  tax: ['tax', 'taxes', 'schedule', 'irs', 'hmrc', '1040', 'w2', 'w-2', '1099', 'vat', 'filing', 'deduction', 'deductions', 'refund', 'depreciation', 'rental income', 'deductible', 'write-off', 'write-offs', 'joint', 'jointly', '1120', '1120s', '1120-s', '1065', '990', 'k-1'],
  return: ['return', 'returns', 'filing', '1040', 'taxes', '1040s', 'joint', 'jointly', 'schedule', '1120', '1120s', '1120-s', '1065', '990', 'k-1'],
  guarantee: ['guarantee', 'guaranteed', 'promise', 'promised', 'ensure', 'assure', 'assured', 'certain', 'certainly', 'definitely', 'surely', 'sure', '100%', 'warranty', 'warrant', 'commit', 'pledge', 'swear', 'guaranty'],
  result: ['result', 'results', 'outcome', 'outcomes', 'success', 'hired', 'hire', 'job', 'offer', 'win', 'won', 'rank', 'ranking', 'pass', 'approved', 'approval', 'sales', 'revenue', 'roi', 'lose', 'weight', 'promotion', 'admitted', 'acceptance', 'growth'],
  want: ['want', 'wants', 'need', 'needs', 'expect', 'expects', 'demand', 'demands', 'require', 'insist', 'wish', 'ask', 'asks', 'asking', 'request', 'like', 'seek', 'seeking'],
  legal: ['legal', 'legally', 'law', 'lawyer', 'lawyers', 'attorney', 'attorneys', 'solicitor', 'sue', 'suing', 'lawsuit', 'court', 'litigation', 'judge'],
  advice: ['advice', 'advise', 'opinion', 'recommend', 'recommendation', 'guidance', 'counsel', 'consult', 'consultation', 'tell', 'should', 'review', 'look'],
  medical: ['medical', 'medicine', 'doctor', 'diagnosis', 'diagnose', 'prescription', 'health', 'therapy', 'therapist', 'clinical', 'medication', 'injury', 'insomnia', 'sleep', 'sleeping', 'stress', 'burnout', 'anxiety', 'depression', 'panic'],
  invest: ['investment', 'investments', 'investing', 'invest', 'stock', 'stocks', 'crypto', 'portfolio', 'shares', 'bitcoin', 'trading', 'retirement', 'ira', '401k', 'brokerage', 'index funds', 'etf', 'etfs', 'savings', 'cd', 'cds', 'fund', 'funds', 'bonds', 'mutual fund', 'annuity'],
  website: ['website', 'site', 'web', 'webpage', 'landing', 'wordpress', 'shopify', 'homepage', 'page', 'domain', 'seo', 'contact form', 'siteground', 'godaddy'],
  design: ['design', 'redesign', 'logo', 'branding', 'brand', 'graphic', 'graphics', 'layout', 'mockup', 'flyer', 'illustration'],
  social: ['social', 'instagram', 'facebook', 'tiktok', 'twitter', 'linkedin', 'post', 'posts', 'posting', 'influencer', 'youtube'],
  content: ['content', 'blog', 'article', 'copy', 'copywriting', 'newsletter', 'caption', 'captions', 'writing', 'write', 'rewrite', 'rewriting', 'redraft', 'ghostwrite', 'wordsmith'],
  hardware: ['hardware', 'printer', 'laptop', 'computer', 'pc', 'mac', 'macbook', 'monitor', 'phone', 'iphone', 'tablet', 'ipad', 'router', 'keyboard', 'mouse', 'device', 'devices', 'tv', 'television', 'console', 'xbox', 'playstation'],
  repair: ['repair', 'fix', 'fixing', 'broken', 'replace', 'setup', 'install', 'troubleshoot', 'configure'],
  software: ['software', 'app', 'application', 'program', 'code', 'coding', 'feature', 'plugin', 'script', 'integration', 'crm', 'hubspot', 'pipedrive', 'salesforce', 'erp', 'saas', 'tool', 'tools', 'platform', 'system'],
  travel: ['travel', 'trip', 'flight', 'flights', 'hotel', 'vacation', 'holiday', 'booking', 'book', 'reservation', 'restaurant', 'tickets', 'airbnb'],
  errand: ['errand', 'errands', 'pickup', 'pick', 'groceries', 'grocery', 'shopping', 'laundry', 'deliver', 'dog', 'pet', 'walk', 'babysit', 'babysitting', 'chores', 'cleaning'],
  meeting: ['meeting', 'meet', 'call', 'calls', 'session', 'sessions', 'appointment', 'zoom', 'visit', 'onsite', 'on-site', 'in-person'],
  extra: ['extra', 'additional', 'more', 'another', 'unlimited', 'bonus', 'free', 'also', 'second'],
  weekend: ['weekend', 'weekends', 'saturday', 'sunday', 'night', 'nights', 'evening', 'evenings', 'midnight', 'holiday', 'holidays', '24/7', 'overnight'],
  payroll: ['payroll', 'salary', 'salaries', 'wages', 'paycheck', 'paychecks', 'pay', 'employees', 'staff'],
  bookkeeping: ['bookkeeping', 'bookkeeper', 'ledger', 'reconcile', 'reconciliation', 'quickbooks', 'xero', 'categorisation', 'categorization', 'accounting', 'accounts payable', 'receipts'],
  business: ['business', 'company', 'firm', 'corporate', 'llc', 'startup', 'store', 'shop'],
  resume: ['resume', 'cv', 'cover', 'letter', 'portfolio', 'application', 'applications'],
  interview: ['interview', 'interviews', 'recruiter', 'recruiters', 'hiring'],
  diet: ['diet', 'meal', 'meals', 'nutrition', 'food', 'eating', 'calorie', 'calories', 'supplement', 'supplements'],
  training: ['training', 'workout', 'workouts', 'exercise', 'gym', 'fitness', 'coaching', 'coach', 'lesson', 'lessons', 'tutoring', 'tutor', 'session', 'sessions'],
  translation: ['translation', 'translate', 'translating', 'interpreter', 'language', 'translated', 'translator', 'localise', 'localize', 'localisation', 'localization', 'german', 'french', 'spanish', 'italian', 'dutch', 'chinese', 'japanese'],
  ads: ['ads', 'ad', 'advertising', 'advertisement', 'adwords', 'ppc', 'campaign', 'campaigns', 'paid'],
  emergency: ['emergency', 'emergencies', 'urgent', 'asap', 'immediately', 'critical'],
  rush: ['rush', 'rushed', 'same-day', 'expedite', 'expedited', 'faster', 'quick', 'quickly', 'priority', 'asap'],
  refund: ['refund', 'refunds', 'money', 'reimburse', 'reimbursement', 'chargeback', 'compensation'],
  discount: ['discount', 'discounts', 'cheaper', 'lower', 'reduce', 'reduced', 'deal', 'price', 'rate'],
  move: ['move', 'moving', 'relocate', 'relocation', 'furniture', 'packing'],
  data: ['data', 'file', 'files', 'backup', 'backups', 'recovery', 'recover', 'photos'],
  email: ['email', 'emails', 'inbox', 'mailbox', 'outlook', 'gmail'],
  network: ['network', 'wifi', 'wi-fi', 'internet', 'vpn', 'firewall', 'server', 'servers'],
  selection: ['selection', 'select', 'choose', 'choosing', 'pick', 'picking', 'compare', 'comparing', 'evaluate', 'evaluation', 'shortlist', 'recommend', 'between'],
  setup: ['setup', 'set', 'install', 'installation', 'configure', 'configuration', 'implement', 'implementation', 'onboard', 'migrate', 'migration', 'deploy', 'rollout', 'roll', 'execute', 'carry', 'roll out', 'put in place', 'run', 'train', 'embed'],
  rental: ['rental', 'rentals', 'rent', 'renting', 'tenant', 'tenants', 'lease', 'unit', 'units', 'property', 'let', 'letting', 'bookings', 'guests', 'guest'],
  management: ['management', 'manage', 'managing', 'handle', 'handling', 'run', 'running', 'oversee', 'coordinate', 'coordination', 'administer', 'care', 'operate'],
  care: ['care', 'see', 'treat', 'treatment', 'visit', 'appointment', 'examine', 'exam', 'checkup', 'check-up', 'consult', 'look at', 'look', 'seen', 'therapist', 'counsellor', 'counselor', 'counselling', 'counseling', 'physical', 'physicals'],
  enrolled: ['enrolled', 'enroll', 'enrol', 'member', 'members', 'membership', 'registered', 'patient', 'patients', 'signed'],
  employer: ['employer', 'employers', 'recruiter', 'recruiters', 'company', 'hiring', 'boss', 'hr', 'manager'],
  remodel: ['remodel', 'renovation', 'renovate', 'remodeling', 'remodelling', 'refurbish', 'refurbishment', 'kitchen', 'kitchens', 'bathroom', 'redo', 'rebuild'],
  compensation: ['compensation', 'comp', 'workers comp', 'disability', 'fmla', 'sick note', 'fit note'],
  home: ['home', 'house', 'apartment', 'residence', 'flat', 'condo'],
  device: ['device', 'devices', 'laptop', 'laptops', 'macbook', 'computer', 'computers', 'pc', 'desktop', 'tablet', 'ipad', 'iphone', 'android', 'smartphone', 'handset', 'handsets', 'mobile', 'chromebook', 'imac', 'console', 'tv', 'samsung', 'pixel', 'galaxy', 'gaming', 'xbox', 'playstation', 'switch', 'motorola', 'nokia', 'huawei', 'oneplus', 'kindle', 'smartwatch', 'watch', 'printer', 'printers', 'router', 'modem', 'cordless', 'dect', 'panasonic', 'gigaset', 'landline'],
  household: ['household', 'nanny', 'nannies', 'housekeeper', 'babysitter', 'au pair', 'caregiver', 'domestic', 'gardener', 'maid', 'cleaner', 'personal assistant', 'cleaning lady', 'carer', 'chauffeur', 'driver', 'cook', 'chef'],
  employee: ['employee', 'employees', 'staff', 'worker', 'workers', 'hire', 'team', 'volunteers', 'volunteer', 'users', 'people', 'guys', 'personnel', 'crew', 'w-2', 'w2', 'hires'],
  entity: ['entity', 'llc', 's-corp', 'scorp', 'corp', 'corporation', 'c-corp', 'partnership', 'incorporate', 'incorporation', 'sole proprietorship', 'subsidiary', 'holding'],
  formation: ['formation', 'form', 'forming', 'formed', 'incorporate', 'election', 'elect', 'convert', 'conversion', 'register', 'registration', 'articles', 'paperwork', 'restructure', 'set', 'setup', 'establish', 'establishing', 'start', 'open'],
  irs: ['irs', 'hmrc', 'cra', 'ato', 'dtf', 'revenue', 'taxman', 'cp2000', 'cp2501', 'cp14'],
  audit: ['audit', 'audits', 'auditor', 'examination', 'exam', 'cp2000', 'cp2501', 'underreported', 'inquiry', 'investigation', 'examining', 'examine', 'examined', 'notice'],
  representation: ['representation', 'represent', 'representing', 'behalf', 'advocate', 'negotiate', 'negotiating', 'liaise', 'deal', 'sort', 'handle', 'speak', 'call', 'appear', 'attend', 'show up', 'go to court', 'stand in', 'appearance'],
  consumable: ['consumable', 'consumables', 'ink', 'toner', 'cartridge', 'cartridges', 'paper', 'supplies', 'refill', 'refills', 'drum', '305xl'],
  order: ['order', 'ordering', 'buy', 'buying', 'purchase', 'purchasing', 'procure', 'reorder', 'restock', 'source'],
  printer: ['printer', 'printers', 'printing', 'print', 'copier', 'mfp'],
  course: ['course', 'courses', 'training', 'session', 'sessions', 'workshop', 'workshops', 'class', 'classes', 'seminar', 'webinar', 'lesson', 'lessons', 'awareness', 'teach', 'teaching', 'tutorial', 'bootcamp'],
  hosting: ['hosting', 'host', 'hosted', 'domain', 'dns', 'wordpress', 'squarespace', 'wix', 'webflow', 'shopify', 'theme', 'upload', 'siteground', 'godaddy', 'bluehost', 'hostinger', 'ionos', 'wpengine', 'contact form'],
  development: ['development', 'develop', 'developer', 'build', 'building', 'code', 'coding', 'program', 'programming', 'app', 'script', 'custom', 'integration', 'automation', 'theme', 'upload', 'plugin', 'page', 'booking', 'calendar', 'checkout', 'widget', 'tool', 'add-in', 'addin', 'extension', 'macro', 'macros', 'bot', 'api', 'database', 'portal', 'dashboard', 'automate', 'scrape', 'scraper'],
  income: ['income', 'revenue', 'profit', 'profits', 'earnings', '1120', '1120s', '1120-s', '1065'],
  negotiate: ['negotiate', 'negotiating', 'negotiation', 'counteroffer', 'counter', 'haggle', 'push', 'pushing', 'bargain', 'counter-offer', 'raise', 'higher'],
  therapy: ['therapy', 'therapist', 'counselling', 'counseling', 'mental', 'depression', 'anxiety', 'panic', 'psychologist', 'psychiatrist', 'trauma', 'grief'],
  prescription: ['prescription', 'prescriptions', 'refill', 'medication', 'meds', 'rx', 'dose', 'pharmacy', 'pill', 'pills', 'tablets', 'capsules', 'inhaler', 'insulin', 'antibiotics', 'script', 'renewal', 'oxycodone', 'hydrocodone', 'adderall', 'xanax', 'ambien', 'viagra', 'ozempic', 'wegovy', 'zoloft', 'prozac', 'tramadol', 'codeine', 'gabapentin', 'antibiotic', 'steroid', 'steroids', 'birth control', 'ssri'],
  insurance: ['insurance', 'insurer', 'claim', 'claims', 'appeal', 'appeals', 'denied', 'denial', 'coverage', 'insurer', 'insurers', 'carrier', 'aetna', 'cigna', 'humana', 'medicare', 'medicaid', 'bcbs', 'kaiser', 'anthem', 'unitedhealthcare', 'preauthorization', 'pre-authorization'],
  cosmetic: ['cosmetic', 'botox', 'filler', 'fillers', 'aesthetic', 'lip', 'facelift', 'wrinkles', 'wrinkle', 'injectable', 'injectables', 'dysport', 'juvederm', 'forehead lines', 'liposuction', 'lipo', 'chemical peel', 'tattoo removal', 'laser hair removal'],
  photo: ['photography', 'photo', 'photos', 'photoshoot', 'shoot', 'video', 'videos', 'filming', 'photographer', 'portrait', 'portraits', 'headshot', 'headshots', 'photographs', 'shots', 'reel', 'reels', 'footage', 'film', 'camera', 'drone', 'b-roll', 'product shots'],
  trademark: ['trademark', 'trademarks', 'tm', 'registration', 'uspto', 'euipo'],
  revision: ['revision', 'revisions', 'round', 'rounds', 'change', 'changes', 'tweak', 'tweaks', 'edit', 'edits', 'iteration', 'third', 'fourth', 'fifth', 'another', 'notes', 'feedback', 'amends', 'amendments', 'corrections', 'adjustments', 'rework', 'redo', 'again'],
  criminal: ['criminal', 'dui', 'dwi', 'arrest', 'arrested', 'charged', 'police', 'felony', 'misdemeanor', 'defense', 'defence', 'represent', 'arraignment', 'arraigned', 'possession', 'shoplifting', 'jail', 'bail', 'cops', 'custody', 'assault', 'theft', 'probation', 'warrant', 'misdemeanour', 'speeding', 'reckless', 'bailed', 'jailed', 'locked up'],
  divorce: ['divorce', 'custody', 'separation', 'alimony', 'prenup', 'child support', 'family law'],
  immigration: ['immigration', 'visa', 'visas', 'green card', 'h1b', 'h-1b', 'citizenship', 'residency', 'work permit', 'sponsor', 'sponsorship', 'perm', 'i-140', 'uscis', 'naturalization', 'naturalisation', 'immigrant', 'deportation', 'asylum', 'greencard'],
  injury: ['injury', 'injured', 'accident', 'whiplash', 'slip', 'hurt', 'crash', 'fell', 'fall', 'fallen', 'broke', 'broken', 'rearended', 'rear-ended', 'neck', 'back', 'collision', 'hit', 'wreck', 'sprained', 'fracture', 'concussion', 'bitten', 'bite'],
  estate: ['estate', 'wills', 'trust', 'trusts', 'probate', 'inheritance', 'executor', 'guardianship', 'power of attorney', 'will', 'living trust', 'beneficiary', 'beneficiaries', 'heirs', 'succession'],
  planning: ['planning', 'plan', 'plans', 'draft', 'drafting', 'prepare', 'preparing', 'write up', 'draw', 'write', 'redo', 'update', 'rewrite'],
  job: ['job', 'jobs', 'role', 'roles', 'position', 'positions', 'vacancy', 'vacancies', 'opening', 'openings', 'posting', 'postings'],
  renovation: ['renovation', 'remodel', 'remodeling', 'remodelling', 'refurbish', 'kitchen', 'bathroom', 'addition', 'contractor'],
  shortterm: ['short-term', 'vacation', 'airbnb', 'vrbo', 'nightly', 'holiday let'],
  sell: ['sell', 'selling', 'sale', 'listing', 'list', 'realtor', 'market', 'buyer', 'buyers', 'offer', 'offers', 'sold'],
  eviction: ['eviction', 'evict', 'evicting', 'court', 'hearing', 'judge', 'unlawful detainer', 'behind', 'get her out', 'get him out', 'get them out', 'kick out', 'possession'],
  outage: ['outage', 'down', 'offline', 'unreachable', 'crashed', 'crash', 'dropped', 'locked', 'dead', 'unavailable', 'unresponsive', 'disconnected'],
  security: ['security', 'hacked', 'breach', 'breached', 'phishing', 'phish', 'ransomware', 'malware', 'virus', 'compromised', 'suspicious', 'fraud', 'fraudulent', 'scam', 'spoofed', 'unauthorized', 'unauthorised', 'mfa', 'stolen', 'leaked', 'exposed'],
  incident: ['incident', 'incidents', 'attack', 'breach', 'compromise', 'hack', 'phishing', 'hacked', 'ransomware', 'malware', 'compromised', 'breached', 'intrusion', 'signed', 'login', 'logged', 'sign-in', 'signin', 'takeover', 'encrypted'],
  symptom: ['symptom', 'symptoms', 'pain', 'fever', 'bleeding', 'breathe', 'breathing', 'dizzy', 'faint', 'fainted', 'vomiting', 'rash', 'swelling', 'chest', 'seizure', 'allergic', 'infection', 'sick', 'unwell', 'racing', 'palpitations', 'lethargic', 'unconscious', 'faint', 'fainting', 'numb', 'tight', 'tightness', 'headache', 'migraine', 'vision', 'blurry', 'blurred', 'slurred', 'stroke', 'vomit', 'confused', 'confusion', 'collapsed', 'wheezing', 'swollen'],
  leak: ['leak', 'leaking', 'leaks', 'flood', 'flooding', 'flooded', 'water', 'burst', 'pipe', 'overflow', 'overflowing', 'sewage'],
  hvac: ['cooling', 'heating', 'heat', 'ac', 'a/c', 'air conditioning', 'aircon', 'furnace', 'boiler', 'hvac', 'thermostat', 'heater'],
  claim: ['claim', 'claims', 'case', 'cases', 'sue', 'suing', 'lawsuit', 'settlement', 'damages', 'compensation'],
  search: ['search', 'searches', 'check', 'checking', 'clearance', 'availability', 'taken', 'lookup', 'available'],
  registration: ['registration', 'register', 'registering', 'file', 'filing', 'protect'],
  submit: ['submit', 'submitting', 'submission', 'send', 'sending', 'lodge', 'fire off', 'send off', 'apply', 'applying', 'upload', 'post'],
  paperwork: ['paperwork', 'form', 'forms', 'documents', 'schedule', 'fill', 'filling', 'schedule e', 'fill in', 'fill out', 'return', 'numbers'],
  repairwork: ['repair', 'repairs', 'fix', 'broken', 'maintenance', 'emergency', 'leak', 'burst', 'sparking', 'electrical', 'gas'],
};

/** Words too generic to carry a phrase on their own (weight reduced, never the deciding term). */
export const GENERIC_STEMS = new Set(
  ['do', 'doing', 'work', 'service', 'services', 'help', 'support', 'thing', 'stuff', 'task', 'tasks', 'request', 'item', 'anything', 'other', 'any', 'general', 'issue', 'issues', 'matter', 'matters', 'related', 'handle', 'handling', 'provide', 'get', 'make', 'want', 'need', 'wants', 'needs', 'client', 'clients', 'customer', 'message', 'messages', 'messaging', 'portal', 'procedure', 'procedures', 'member', 'members', 'behalf', 'owner', 'owners', 'included', 'include', 'two', 'one', 'beyond', 'project', 'projects', 'matters', 'things'].map(stem),
);

/** Modifiers that never stand alone as a phrase ("personal" in "personal or family tax returns"). */
export const MODIFIER_WORDS = new Set(['personal', 'family', 'home', 'private', 'business', 'custom', 'other', 'own', 'individual', 'general', 'extra', 'additional', 'new', 'short', 'long', 'staff', 'client', 'owner', 'company', 'corporate', 'commercial', 'residential', 'local', 'international', 'online']);

/** Words dropped from phrases before matching. */
export const STOPWORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'from', 'as', 'is', 'are', 'be', 'any', 'all', 'our', 'their', 'its', 'this', 'that', 'these', 'those', 'it', 'we', 'you', 'your', 'they', 'them', 'i', 'me', 'my', 'not', 'no', 'non', 'etc', 'e', 'g', 'eg', 'ie', 'such', 'including', 'other', 'than', 'into', 'about', 'per', 'via', 'outside', 'beyond', 'within', 'us',
]);

const STEM_TO_CONCEPTS = new Map<string, string[]>();
const WORD_TO_CONCEPTS = new Map<string, string[]>();
function addTo(map: Map<string, string[]>, key: string, concept: string): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(concept)) list.push(concept);
  } else map.set(key, [concept]);
}
for (const [concept, words] of Object.entries(CONCEPTS)) {
  for (const w of words) {
    addTo(STEM_TO_CONCEPTS, stem(w), concept);
    addTo(WORD_TO_CONCEPTS, w.toLowerCase(), concept);
  }
}

const NO_CONCEPTS: readonly string[] = [];
// Words whose stem collides with a concept word but which mean something else ("kidding" is not "kid").
for (const w of ['kidding', 'kidded', 'kiddo', 'backed', 'backing', 'pushy', 'member-only']) WORD_TO_CONCEPTS.set(w, NO_CONCEPTS as string[]);

/** Concepts a stemmed word belongs to (empty when the word is not in the lexicon). */
export function conceptsOf(stemmed: string): readonly string[] {
  return STEM_TO_CONCEPTS.get(stemmed) ?? NO_CONCEPTS;
}

/** Generic drug names by their standard stems (lisinopril, atorvastatin, metformin, amoxicillin…). */
const DRUG_NAME = /^[a-z]{3,}(?:pril|sartan|statin|olol|formin|cillin|mycin|cycline|floxacin|azole|prazole|azepam|zolam|pine|tidine|oxetine|aline|triptan|glutide|gliptin|lukast|profen|sone|olone|thyroxine|pam)$/;
const PRESCRIPTION: readonly string[] = ['prescription'];

/** Concepts of a word: the ones listing the exact word, else those of its stem (else a drug name is a prescription). */
export function conceptsOfWord(word: string, stemmed: string): readonly string[] {
  return WORD_TO_CONCEPTS.get(word) ?? STEM_TO_CONCEPTS.get(stemmed) ?? (word.length >= 7 && DRUG_NAME.test(word) ? PRESCRIPTION : NO_CONCEPTS);
}
