import { z } from 'zod';

/** The surfaces whose wording differs: what "exit" can remove, and how to leave fast. */
export const surfaces = ['web', 'sms', 'teams', 'default'] as const;
export type Surface = (typeof surfaces)[number];

/** Text that may differ per surface; `default` is used where no variant is given. */
export const perSurfaceSchema = z.union([
  z.string().min(1),
  z.object({
    default: z.string().min(1),
    web: z.string().min(1).optional(),
    sms: z.string().min(1).optional(),
    teams: z.string().min(1).optional(),
  }),
]);
export type PerSurface = z.infer<typeof perSurfaceSchema>;

const choiceLabel = z.string().min(1).max(40);

/**
 * The shared wording of the built-in replies. Placeholders in braces are filled in by the
 * engine: {leave} (how to leave fast on this surface) and {exitLimits} (what exit cannot
 * remove on this surface).
 */
/** The wording of an emergency reply: at most three short lines, 999 first. */
export const emergencyWordingSchema = z.object({
  lines: z.array(perSurfaceSchema).min(1),
  ownLifeLines: z.array(perSurfaceSchema).min(1),
  moreIntro: z.string().min(1),
  moreLabel: choiceLabel,
  carryOnLabel: choiceLabel,
  /** Asked after the emergency reply when a message does not say the person is safe. */
  checkSafe: z.string().min(1),
});

/**
 * An answer to a question about Waymark itself or a service ("are you a real person?", "is
 * this private?", "what is SOS?"), given before the question is asked again. Each has its
 * own words (`text`) or shows one service (`service`, an id in services.yml).
 */
export const trustAnswerSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    asks: z.array(z.string().min(2)).min(1).describe('Ways of asking it, matched anywhere'),
    text: perSurfaceSchema.optional(),
    service: z.string().optional(),
  })
  .refine((answer) => Boolean(answer.text) !== Boolean(answer.service), {
    message: 'Give either text or service',
  });

const trustAnswerListSchema = z.array(trustAnswerSchema);

export const wordingSchema = z.object({
  greeting: perSurfaceSchema,
  greetingFor: z
    .record(z.string().regex(/^[a-z0-9-]+$/), perSurfaceSchema)
    .default({})
    .describe('Other greetings, by name, that a dialog policy can choose (e.g. staff)'),
  notices: z
    .object({
      teamsWelcome: z.string().min(1).describe('Sent once when Waymark is added to a chat or team'),
      tenantRefused: z
        .string()
        .min(1)
        .describe('Sent to Teams users of an organisation not in ALLOWED_TENANTS'),
    })
    .describe('Channel notices outside any dialog; each mentions 999'),
  previewLabel: z
    .string()
    .min(1)
    .default('Preview of the public chat')
    .describe('Marks each reply when staff preview what someone seeking help sees'),
  privacyLinkLabel: z.string().min(1),
  howToLeave: perSurfaceSchema,
  exitLimits: perSurfaceSchema,
  emergency: emergencyWordingSchema.describe('The emergency reply for the person at risk'),
  emergencyFor: z
    .record(z.string().regex(/^[a-z0-9-]+$/), emergencyWordingSchema)
    .default({})
    .describe('Other emergency replies, by name, that a dialog policy can choose (e.g. staff)'),
  urgent: z.object({
    text: z.string().min(1),
    strangulationAdvice: z.string().min(1),
  }),
  urgentReminder: z.string().min(1),
  notSafeToChat: perSurfaceSchema,
  exit: perSurfaceSchema,
  help: perSurfaceSchema,
  failSafe: z.string().min(1),
  notUnderstood: z.string().min(1),
  /** Before asking where again, when the place named is in more than one area. */
  placeAmbiguous: z.string().min(1),
  /**
   * The "where" question, when the place named covers the local area and places outside it
   * (content/areas.yml `spanning`): {name} is that name as content gives it ("Essex").
   */
  placeSpans: z.string().min(1).optional(),
  trustAnswers: trustAnswerListSchema
    .default([])
    .describe(
      'Answers to questions about Waymark and the services ("are you a real person?", "what is SOS?"), then the question again',
    ),
  trustAnswersFor: z
    .record(z.string().regex(/^[a-z0-9-]+$/), trustAnswerListSchema)
    .default({})
    .describe(
      'Other lists of trust answers, by name, that a dialog policy can choose (e.g. staff)',
    ),
  disclosure: z
    .object({
      text: z.string().min(1).describe('One short, non-judgemental line; never the words typed'),
      says: z
        .array(z.string().min(2))
        .min(1)
        .describe('Words that tell of abuse, matched anywhere'),
    })
    .optional()
    .describe(
      'Acknowledges a disclosure before the next question, in dialogs whose policy says so',
    ),
  messageTooLong: z.string().min(1),
  slowDown: z.string().min(1),
  afterOutcome: z.string().min(1),
  startOverLabel: choiceLabel,
  exitLabel: choiceLabel,
  notSureLabel: choiceLabel,
  signpost999: z.string().min(1),
  hours: z.object({
    always: z.string().min(1),
    openNow: z.string().min(1),
    closedNow: z.string().min(1),
    unknown: z.string().min(1),
  }),
  privacyNotice: z.object({
    title: z.string().min(1),
    paragraphs: z.array(z.string().min(1)).min(1),
  }),
});

export type Wording = z.infer<typeof wordingSchema>;
export type EmergencyWording = z.infer<typeof emergencyWordingSchema>;

export type TrustAnswer = z.infer<typeof trustAnswerSchema>;
