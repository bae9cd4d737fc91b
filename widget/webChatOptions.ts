import type { WidgetSettings } from './settings.js';

/** Web Chat's look, set through its own styleOptions rather than CSS overrides. */
/**
 * @param suggestedHeight the most height the choices may take, in px (see layout in
 *   chatSession.ts): past it they scroll, so the question above them stays in view.
 */
export function webChatStyleOptions(
  settings: WidgetSettings,
  suggestedHeight: number,
): Record<string, unknown> {
  return {
    accent: settings.brandOnWhite,
    backgroundColor: '#ffffff',
    subtle: '#595959',
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    fontSizeSmall: '85%',
    paddingRegular: 10,

    // Calm bubbles: soft grey for the bot, a light tint for the person.
    bubbleBackground: '#f3f3f1',
    bubbleBorderColor: '#d6d6d2',
    bubbleBorderRadius: 10,
    bubbleBorderWidth: 1,
    bubbleTextColor: '#1b1b1b',
    bubbleFromUserBackground: '#ffffff',
    bubbleFromUserBorderColor: settings.brandOnWhite,
    bubbleFromUserBorderRadius: 10,
    bubbleFromUserBorderWidth: 2,
    bubbleFromUserTextColor: '#1b1b1b',
    bubbleMaxWidth: 560,
    bubbleMinHeight: 40,
    messageActivityWordBreak: 'break-word',
    markdownRespectCRLF: true,
    markdownRenderHTML: false,

    // No avatars: the initials only add noise.
    botAvatarInitials: undefined,
    userAvatarInitials: undefined,

    // Choices: calm, full-width, wrapped buttons that are easy to tap.
    suggestedActionLayout: 'stacked',
    suggestedActionsStackedLayoutButtonTextWrap: true,
    // A bounded, scrolling stack: with auto height and visible overflow, eight long choices
    // pushed the message area to 0 px on a short panel (phone keyboard, zoom).
    suggestedActionsStackedHeight: suggestedHeight,
    suggestedActionsStackedOverflow: 'scroll',
    suggestedActionHeight: 44,
    suggestedActionBorderRadius: 8,
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: settings.brandOnWhite,
    suggestedActionBorderWidth: 2,
    suggestedActionTextColor: settings.brandOnWhite,
    suggestedActionBackgroundColorOnHover: '#f3f3f1',
    suggestedActionBackgroundColorOnFocus: '#ffffff',
    suggestedActionKeyboardFocusIndicatorBorderColor: '#1b1b1b',
    suggestedActionKeyboardFocusIndicatorBorderWidth: 3,
    suggestedActionKeyboardFocusIndicatorBorderRadius: 6,

    // The send box: plain text only.
    hideUploadButton: true,
    hideTelephoneKeypadButton: true,
    sendBoxTextWrap: true,
    sendBoxBorderTop: 'solid 1px #6f6f6f',
    sendBoxPlaceholderColor: '#595959',
    sendBoxButtonColor: settings.brandOnWhite,
    sendBoxButtonKeyboardFocusIndicatorBorderColor: '#1b1b1b',
    sendBoxButtonKeyboardFocusIndicatorBorderWidth: 3,

    timestampColor: '#595959',
    groupTimestamp: 300000,
    transcriptVisualKeyboardIndicatorColor: '#1b1b1b',
    transcriptVisualKeyboardIndicatorWidth: 3,
    transcriptActivityVisualKeyboardIndicatorColor: '#1b1b1b',
    transcriptActivityVisualKeyboardIndicatorWidth: 3,
    scrollToEndButtonBehavior: 'unread',
    hideToaster: false,
  };
}

/** Hero card buttons (call and website) get the same calm look as choices. */
export function adaptiveCardsHostConfig(settings: WidgetSettings): Record<string, unknown> {
  return {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    fontSizes: { small: 14, default: 16, medium: 17, large: 20, extraLarge: 22 },
    containerStyles: {
      default: {
        backgroundColor: '#ffffff',
        foregroundColors: {
          default: { default: '#1b1b1b', subtle: '#595959' },
          accent: { default: settings.brandOnWhite, subtle: settings.brandOnWhite },
          attention: { default: '#a4161a', subtle: '#a4161a' },
          good: { default: '#1d6b2f', subtle: '#1d6b2f' },
          warning: { default: '#7a4a00', subtle: '#7a4a00' },
        },
      },
    },
    // A card's title is a heading; without a level axe finds a critical violation. The
    // panel's title is an h2, so card titles are h3.
    textBlock: { headingLevel: 3 },
    actions: {
      actionsOrientation: 'vertical',
      actionAlignment: 'stretch',
      buttonSpacing: 8,
      maxActions: 6,
      showCard: { actionMode: 'inline' },
      spacing: 'default',
    },
  };
}
