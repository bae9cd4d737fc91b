/** The urgency levels of design.md, lowest first. */
export type Urgency = 'routine' | 'urgent' | 'emergency';

const order: readonly Urgency[] = ['routine', 'urgent', 'emergency'];

/** 0 for routine, 1 for urgent, 2 for emergency: when layers disagree, the higher wins. */
export function rankOf(level: Urgency): number {
  return order.indexOf(level);
}

/** The layers of urgency detection, from the auditable floor up. */
export type LayerName = 'phrases' | 'linguistic' | 'semantic';

/** What one layer found in one message. Ids only: never message text. */
export interface LayerVerdict {
  layer: LayerName;
  level: Urgency;
  /** Ids of the danger categories found (phrase categories, frames, example categories). */
  categories: string[];
  /** A risk to the person's own life: the emergency reply adds Samaritans, Shout and 111. */
  ownLife: boolean;
  /** Strangulation: the urgent reply adds medical advice. */
  strangulation: boolean;
  /**
   * What decided this layer's level: a phrase category id, a frame id, or a labelled
   * example's id. Empty when the layer found nothing.
   */
  because: string;
}

/** What urgency detection found in one message, with every layer's own verdict. */
export interface UrgencyResult {
  level: Urgency;
  /** The ids of the categories that matched in any layer, for tests and counters. */
  categories: string[];
  ownLife: boolean;
  strangulation: boolean;
  /** The layer (and its rule or example) that gave the final level. */
  decidedBy: { layer: LayerName | 'none'; because: string };
  layers: LayerVerdict[];
}
