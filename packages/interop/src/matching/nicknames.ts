/**
 * Common English given names and their usual nicknames, as groups of names that stand for one
 * another (normalised: lower case, letters only). Small on purpose: the names a registration
 * clerk most often meets; a host with a fuller list passes its own to `matchPatient`.
 */
export const NICKNAME_GROUPS: readonly (readonly string[])[] = [
  ['william', 'will', 'bill', 'billy', 'willy', 'liam'],
  ['robert', 'rob', 'bob', 'bobby', 'robbie', 'bert'],
  ['richard', 'rick', 'ricky', 'rich', 'dick'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['john', 'jack', 'johnny', 'jon'],
  ['joseph', 'joe', 'joey'],
  ['michael', 'mike', 'mikey', 'mick'],
  ['thomas', 'tom', 'tommy'],
  ['charles', 'charlie', 'chuck', 'chas'],
  ['christopher', 'chris', 'kit'],
  ['daniel', 'dan', 'danny'],
  ['david', 'dave', 'davy'],
  ['edward', 'ed', 'eddie', 'ted', 'ned'],
  ['anthony', 'tony'],
  ['andrew', 'andy', 'drew'],
  ['alexander', 'alex', 'sasha', 'sandy'],
  ['benjamin', 'ben', 'benny'],
  ['matthew', 'matt'],
  ['nicholas', 'nick', 'nicky'],
  ['patrick', 'pat', 'paddy'],
  ['stephen', 'steven', 'steve'],
  ['timothy', 'tim', 'timmy'],
  ['lawrence', 'larry'],
  ['gerald', 'gerry', 'jerry'],
  ['leonard', 'leo', 'len', 'lenny'],
  ['margaret', 'maggie', 'meg', 'peggy', 'marge', 'madge'],
  ['elizabeth', 'liz', 'beth', 'betty', 'eliza', 'lizzie', 'betsy'],
  ['katherine', 'catherine', 'kate', 'kathy', 'cathy', 'katie', 'kat'],
  ['patricia', 'pat', 'patty', 'trish', 'tricia'],
  ['jennifer', 'jen', 'jenny'],
  ['susan', 'sue', 'susie'],
  ['deborah', 'debra', 'deb', 'debbie'],
  ['rebecca', 'becky', 'becca'],
  ['barbara', 'barb', 'babs'],
  ['dorothy', 'dot', 'dottie'],
  ['victoria', 'vicky', 'tori'],
  ['jessica', 'jess', 'jessie'],
  ['christine', 'christina', 'chris', 'tina', 'chrissy'],
  ['abigail', 'abby'],
  ['alexandra', 'alex', 'sandra', 'sandy'],
  ['theodore', 'ted', 'teddy', 'theo'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam', 'sammy'],
  ['abraham', 'abe'],
  ['frederick', 'fred', 'freddie'],
  ['harold', 'harry', 'hal'],
  ['henry', 'harry', 'hank'],
  ['ronald', 'ron', 'ronnie'],
  ['donald', 'don', 'donnie'],
  ['kenneth', 'ken', 'kenny'],
  ['eugene', 'gene'],
  ['peter', 'pete'],
  ['raymond', 'ray'],
  ['walter', 'walt', 'wally'],
];

/** Whether `a` and `b` (normalised given names) are the same name or stand for one another in `groups`. */
export function areNicknames(a: string, b: string, groups: readonly (readonly string[])[] = NICKNAME_GROUPS): boolean {
  if (a === b) return true;
  return groups.some((group) => group.includes(a) && group.includes(b));
}
