// Static text for the demo agency's story (db/seed.ts). Every address is on a reserved example
// domain, every phone number in Ofcom's drama range (020 7946 0000–0999).

/** Forty candidates, five per demo job, in job order. */
export const CANDIDATE_NAMES = [
  // Senior Backend Engineer · Acme Robotics
  'Amara Okafor',
  'Lukas Becker',
  'Priya Nair',
  'Mateo García',
  'Hannah Kowalski',
  // Staff Data Engineer · Globex
  'Kwame Mensah',
  'Sofia Rossi',
  'Daniel Cohen',
  'Aiko Tanaka',
  'Omar Haddad',
  // Engineering Manager · Initech
  'Chloé Martin',
  'Ethan Walker',
  'Fatima Benali',
  'Noah Schmidt',
  'Mei Wong',
  // Frontend Engineer · Umbrella Health
  'Ravi Iyer',
  'Isabella Costa',
  'Tomás Silva',
  'Grace Adeyemi',
  'Jonas Lindqvist',
  // Account Executive · Hooli
  'Leila Ahmadi',
  'Marcus Johnson',
  'Yuki Sato',
  'Elena Popescu',
  'Samuel Owusu',
  // Head of Growth · Stark Logistics
  'Nadia Petrova',
  'Diego Hernández',
  'Zoë Clarke',
  'Arjun Mehta',
  'Ingrid Halvorsen',
  // SDR Team Lead · Wayne Fintech
  'Chinedu Eze',
  'Lucía Fernández',
  'Benjamin Levi',
  'Ayesha Siddiqui',
  'Henrik Nielsen',
  // Product Marketing Manager · Soylent Foods
  'Olivia Thompson',
  'Tariq Rahman',
  'Camille Dubois',
  'Kofi Boateng',
  'Ana Ribeiro',
] as const;

export const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'] as const;

export const INTERVIEWERS = [
  { name: 'Nina Alvarez', email: 'nina.alvarez@northwind.example' },
  { name: 'Tom Okoye', email: 'tom.okoye@northwind.example' },
  { name: 'Helen Garner', email: 'helen.garner@northwind.example' },
  { name: 'Raj Kapoor', email: 'raj.kapoor@northwind.example' },
  { name: 'Maya Goldberg', email: 'maya.goldberg@northwind.example' },
  { name: 'Pedro Santos', email: 'pedro.santos@northwind.example' },
  { name: 'Ewa Nowak', email: 'ewa.nowak@northwind.example' },
  { name: 'Liam Byrne', email: 'liam.byrne@northwind.example' },
] as const;

export const TAGS = ['remote', 'senior', 'hybrid', 'relocating', 'shortlist', 'notice-1m', 'notice-3m', 'visa'] as const;
export const SOURCES = ['LinkedIn', 'Referral', 'Job board', 'Website'] as const;

// `{interviewer}` becomes the first name of an interviewer, `{company}` the client company.
export const THANK_YOU_NOTES = [
  'Thank you for your time today. I really enjoyed hearing about the team’s plans for the year ahead.',
  'Thanks so much for the conversation. It confirmed how much I’d like to join {company}.',
  'Many thanks to you and {interviewer} for a great interview. Looking forward to hearing about next steps!',
  'Thank you for walking me through the roadmap. The challenges sound genuinely exciting.',
  'Just a quick note to say thank you. I left the interview even more keen on the role.',
  'Thanks again for today, and please pass my thanks to {interviewer} as well.',
  'I appreciated how open everyone was about the team. Thank you for a really good conversation.',
] as const;

export const LATE_THANK_YOU_NOTES = [
  'Sorry for the slow note, it has been a busy week. Thank you for the interview, I’m still very interested.',
  'A belated thank you for the interview last week. I’ve thought about it a lot since and would love to move forward.',
] as const;

/** Questions a candidate asks after the interview, with the answer a recruiter gives. */
export const QUESTIONS = {
  Engineering: [
    { q: 'Could you share more about the on-call rotation?', a: 'The rotation is one week in six, with a day off after any night call-out. Pages average two a week.' },
    { q: 'How is the team’s time split between product work and maintenance?', a: 'Roughly 70/30. Each quarter has a protected week for tech debt, chosen by the engineers.' },
    { q: 'Is there flexibility to work remotely two days a week?', a: 'Yes: the team is in the office Tuesday to Thursday and the rest is up to you.' },
    { q: 'What does the first 90 days look like in this role?', a: 'A two-week onboarding, then you pair on the data-pipeline migration before owning a service by month three.' },
    { q: 'Which stack would I be working with day to day?', a: 'Mostly TypeScript and Go on Postgres, deployed on Kubernetes. The client is open to Rust for new services.' },
    { q: 'Does the team have a training or conference budget?', a: '£1,500 a year per person, plus two conference days that do not count as leave.' },
  ],
  'Sales & Marketing': [
    { q: 'Is the territory new business or existing accounts?', a: 'Mostly new business in the UK mid-market, with a book of twelve existing accounts to start you off.' },
    { q: 'Could you tell me more about the commission structure?', a: 'It is a 60/40 split, uncapped, paid quarterly, with accelerators above 110% of target.' },
    { q: 'How large is the team I would be leading?', a: 'Six SDRs today, growing to ten by the end of the year; you would hire the next four.' },
    { q: 'What marketing budget does the growth team own?', a: 'About £400k a year, mostly paid social and events; you would set next year’s split.' },
    { q: 'Who would I report to, and how often do you meet?', a: 'The CRO, in a weekly one-to-one plus a monthly pipeline review with the leadership team.' },
    { q: 'When should I expect to hear about the next stage?', a: 'The client is finishing first rounds this week and will confirm the shortlist on Monday.' },
  ],
} as const;

export const EMAIL_REPLIES = [
  'Thanks for the update. Yes, Thursday afternoon works for the second round.',
  'Happy to send over references. Who should I address them to?',
  'Thank you! Here is the portfolio link we talked about in the interview.',
  'Thanks for following up. I’m still very interested. Is there any news from the client?',
  'Thanks, that all makes sense. Could we talk through the notice period on a call?',
] as const;

export const EMAIL_REPLY_ANSWERS = [
  'Thanks for getting back to me so quickly. I’ll confirm with the client today and send an invite.',
  'Great, thank you. I’ll pass that straight on to the hiring manager.',
  'Thanks! I’ve shared it with the panel and will come back to you by Friday.',
] as const;

export const CHECK_IN_EMAILS = [
  'Hi {first}, just checking in after your interview with {company}. Any thoughts or questions so far?',
  'Hi {first}, the client enjoyed meeting you. Let me know if anything from the interview is on your mind.',
] as const;

export const RECRUITER_NOTES = {
  strong: ['Great energy in the debrief; the panel wants to move quickly.', 'Flagged to the client as a front-runner.'],
  weak: ['Opened the portal link but nothing since. Worth a nudge.', 'Seems interested but quiet; will call on Monday.'],
  silent: ['Left a voicemail after the interview, no call back yet.', 'No response to the follow-up email. Checking with the client before chasing again.'],
} as const;

export const INBOUND_CALLS = [
  'Called to say how much they enjoyed meeting the team and to ask about timings.',
  'Rang after the interview to confirm continued interest.',
] as const;
