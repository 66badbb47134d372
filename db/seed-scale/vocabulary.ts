// Word lists for the scale generator. Every address is on a reserved example domain, every phone
// number in Ofcom's drama range (020 7946 0000–0999). The texts reuse the demo agency's, so the
// large agency reads like the demo one.
import {
  CHECK_IN_EMAILS,
  EMAIL_REPLIES,
  EMAIL_REPLY_ANSWERS,
  INBOUND_CALLS,
  LATE_THANK_YOU_NOTES,
  QUESTIONS,
  RECRUITER_NOTES,
  SOURCES,
  TAGS,
  THANK_YOU_NOTES,
} from '../seed-data';

export const FIRST_NAMES = [
  'Amara', 'Lukas', 'Priya', 'Mateo', 'Hannah', 'Kwame', 'Sofia', 'Daniel', 'Aiko', 'Omar',
  'Chloé', 'Ethan', 'Fatima', 'Noah', 'Mei', 'Ravi', 'Isabella', 'Tomás', 'Grace', 'Jonas',
  'Leila', 'Marcus', 'Yuki', 'Elena', 'Samuel', 'Nadia', 'Diego', 'Zoë', 'Arjun', 'Ingrid',
  'Chinedu', 'Lucía', 'Benjamin', 'Ayesha', 'Henrik', 'Olivia', 'Tariq', 'Camille', 'Kofi', 'Ana',
  'James', 'Emily', 'Mohammed', 'Sarah', 'Wei', 'Anna', 'Oliver', 'Julia', 'Ahmed', 'Laura',
  'Thomas', 'Maria', 'David', 'Sophie', 'Jakub', 'Eva', 'Luca', 'Martina', 'Kenji', 'Freya',
  'Adebayo', 'Siobhan', 'Rafael', 'Ines', 'Viktor', 'Alicia', 'Hamza', 'Nora', 'Pablo', 'Emma',
  'Sanjay', 'Ruth', 'Felix', 'Clara', 'Ibrahim', 'Maya', 'Finn', 'Lena', 'Yusuf', 'Alice',
] as const;

export const LAST_NAMES = [
  'Okafor', 'Becker', 'Nair', 'García', 'Kowalski', 'Mensah', 'Rossi', 'Cohen', 'Tanaka', 'Haddad',
  'Martin', 'Walker', 'Benali', 'Schmidt', 'Wong', 'Iyer', 'Costa', 'Silva', 'Adeyemi', 'Lindqvist',
  'Ahmadi', 'Johnson', 'Sato', 'Popescu', 'Owusu', 'Petrova', 'Hernández', 'Clarke', 'Mehta', 'Halvorsen',
  'Eze', 'Fernández', 'Levi', 'Siddiqui', 'Nielsen', 'Thompson', 'Rahman', 'Dubois', 'Boateng', 'Ribeiro',
  'Smith', 'Jones', 'Khan', 'Müller', 'Novak', 'Brown', 'Taylor', 'Patel', 'Murphy', 'O’Brien',
  'Kim', 'Nguyen', 'Lopez', 'Moreau', 'Jansen', 'Andersson', 'Kaur', 'Yilmaz', 'Ivanova', 'Bianchi',
  'Fischer', 'Hughes', 'Santos', 'Chen', 'Ali', 'Kelly', 'Vos', 'Dimitrov', 'Lee', 'Mwangi',
  'Duarte', 'Weber', 'Byrne', 'Suzuki', 'Kovacs', 'Evans', 'Okoye', 'Berg', 'Costa Pinto', 'Wright',
] as const;

/** `Zoë O’Brien` → `zoe.obrien`: addresses are plain ASCII. */
export function asciiSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '');
}

export const CANDIDATE_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example', 'inbox.example'] as const;

export const TEAM_NAMES = ['Engineering', 'Data & AI', 'Sales', 'Product & Design', 'Marketing', 'Finance', 'Operations', 'Executive Search'] as const;

export const JOB_TITLES = [
  'Senior Backend Engineer', 'Staff Data Engineer', 'Engineering Manager', 'Frontend Engineer', 'Site Reliability Engineer',
  'Machine Learning Engineer', 'Data Analyst', 'Product Manager', 'Product Designer', 'QA Lead',
  'Account Executive', 'Head of Growth', 'SDR Team Lead', 'Product Marketing Manager', 'Customer Success Manager',
  'Finance Business Partner', 'Financial Controller', 'Head of Operations', 'Supply Chain Analyst', 'People Partner',
  'Chief Technology Officer', 'VP Engineering', 'Security Engineer', 'Mobile Engineer', 'Solutions Architect',
  'Content Strategist', 'Brand Manager', 'Revenue Operations Lead', 'Payroll Specialist', 'Operations Coordinator',
] as const;

export const CLIENT_COMPANIES = [
  'Acme Robotics', 'Globex', 'Initech', 'Umbrella Health', 'Hooli', 'Stark Logistics', 'Wayne Fintech', 'Soylent Foods',
  'Northbridge Analytics', 'Bluefin Logistics', 'Kestrel Energy', 'Harbourline Bank', 'Copperleaf Software', 'Meridian Retail',
  'Tidewater Insurance', 'Foxglove Pharma', 'Lumen Mobility', 'Quarry Labs', 'Silverpine Media', 'Oakhurst Capital',
  'Brightwell Education', 'Ironbark Construction', 'Nimbus Cloud', 'Pebble Payments', 'Redwood Telecom', 'Saffron Hospitality',
  'Thistle Games', 'Verdant Agritech', 'Wrenfield Legal', 'Zephyr Aerospace', 'Atlas Freight', 'Cobalt Security',
  'Driftwood Travel', 'Ember Studios', 'Fjord Maritime', 'Granite Property', 'Halcyon Care', 'Juniper Biotech',
  'Larkspur Fashion', 'Mosaic Marketing',
] as const;

export const INTERVIEWERS = [
  'Nina Alvarez', 'Tom Okoye', 'Helen Garner', 'Raj Kapoor', 'Maya Goldberg', 'Pedro Santos', 'Ewa Nowak', 'Liam Byrne',
  'Grace Lin', 'Samir Haddad', 'Orla Quinn', 'Bjorn Larsen', 'Keiko Mori', 'Dara Osei', 'Marta Ruiz', 'Paul Fischer',
].map((name) => ({ name, email: `${name.toLowerCase().replace(' ', '.')}@interviews.example` }));

export { SOURCES, TAGS };

const ALL_QUESTIONS = [...QUESTIONS.Engineering, ...QUESTIONS['Sales & Marketing']];
export const QUESTION_TEXTS = ALL_QUESTIONS.map((q) => q.q);
export const ANSWER_TEXTS = ALL_QUESTIONS.map((q) => q.a);

// `{company}` and `{first}` are filled in by SQL; the interviewer is not known to the generator.
const noInterviewer = (text: string) => text.replace('{interviewer}', 'the panel');
export const THANK_YOU_TEXTS = [...THANK_YOU_NOTES, ...LATE_THANK_YOU_NOTES].map(noInterviewer);
export const EMAIL_REPLY_TEXTS = [...EMAIL_REPLIES];
export const EMAIL_REPLY_ANSWER_TEXTS = [...EMAIL_REPLY_ANSWERS];
export const CHECK_IN_TEXTS = [...CHECK_IN_EMAILS];
export const CONFIRMATION_TEXTS = [
  'Hi {first}, confirming your interview with {company}. Good luck, and call me if anything comes up.',
  'Hi {first}, a quick reminder about tomorrow’s interview with {company}. The details are in the calendar invite.',
];
export const FOLLOW_UP_EMAIL_TEXTS = [
  'Hi {first}, {company} are still deciding and hope to confirm by the end of next week.',
  'Hi {first}, the client asked whether you could share two references. No rush.',
  'Hi {first}, just checking you received the feedback from {company}. Happy to talk it through.',
];
export const NOTE_TEXTS = [...RECRUITER_NOTES.strong, ...RECRUITER_NOTES.weak, ...RECRUITER_NOTES.silent];
export const INBOUND_CALL_TEXTS = [...INBOUND_CALLS];
export const OUTBOUND_CALL_TEXTS = [
  'Called {first} to go through the feedback from {company}.',
  'Quick call with {first} about salary expectations and notice period.',
  'Left a voicemail for {first}; will try again tomorrow.',
];
export const MESSAGE_IN_TEXTS = [
  'WhatsApp from {first}: thanks again, really enjoyed meeting the team at {company}.',
  'Text message: {first} confirmed availability for next week.',
  'LinkedIn message from {first} asking how the other interviews went.',
];
export const MESSAGE_OUT_TEXTS = [
  'Sent a LinkedIn message to check in after the interview.',
  'Texted {first} the address and parking details for {company}.',
  'WhatsApp to {first}: the client will be in touch by Friday.',
];
export const STATUS_UPDATE_TEXT = 'Automatic update: no decision yet on the {title} application.';
