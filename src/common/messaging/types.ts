// The messaging system's shapes, shared by the router (background), the
// surfaces on our pages and the admin page. Field names follow Firefox's
// ASRouter messages so collections written for it read the same here.
export type MessageTemplate = 'simple_snippet' | 'infobar' | 'spotlight' | 'cfr_doorhanger' | 'cfr_urlbar_chiclet'
  | 'toolbar_badge' | 'whatsnew_panel_message' | 'update_action' | 'save_to_pocket' | 'multistage';
export type SurfaceTemplate = 'simple_snippet' | 'infobar' | 'spotlight'; // the three on our pages
/** Allow-listed button actions; anything else is dropped at validation and logged. */
export type MessageButtonAction =
  | { type: 'OPEN_URL'; data: { url: string } }          // http(s) only, new tab
  | { type: 'OPEN_SETTINGS' }
  | { type: 'OPEN_PREF_SECTION'; data: { section: string } }
  | { type: 'PIN_CURRENT_TAB' }                           // CFR only: pins the tab it was shown on
  | { type: 'BLOCK' }                                     // block this message for good
  | { type: 'DISMISS' };                                  // close for this page only
export interface MessageButton { label: string; action: MessageButtonAction }
export interface SnippetContent { text: string; icon?: string; icon_alt_text?: string; button?: MessageButton }
export interface InfoBarContent { text: string; primary: MessageButton; secondary?: MessageButton }
export interface SpotlightContent { title: string; body: string; logo?: string; primary: MessageButton; secondary?: MessageButton }
/** What a page gets: text only, never HTML; image URLs only extension-relative or https. */
export type SurfaceMessage =
  | { id: string; template: 'simple_snippet'; content: SnippetContent }
  | { id: string; template: 'infobar'; content: InfoBarContent }
  | { id: string; template: 'spotlight'; content: SpotlightContent };
export type ButtonId = 'button' | 'primary' | 'secondary';
export interface RouterMessage { id: string; template: MessageTemplate;
  content: Record<string, unknown> | SnippetContent | InfoBarContent | SpotlightContent | ToolbarBadgeContent | WhatsNewContent | CfrContent | UpdateActionContent;
  targeting?: string; trigger: { id: string; params?: string[]; patterns?: string[] };
  frequency?: { lifetime?: number; custom?: { period: number; cap: number }[] }; priority?: number; groups: string[];
  provider: string; bucket_id?: string;
  /** The CFR model that picked it (Firefox's personalized CFR); reported only for users in a CFR experiment. */
  personalizedModelVersion?: string; }
export interface ProviderState { id: string; type: 'local' | 'remote'; enabled: boolean; state: 'ok' | 'error' | 'empty' | 'loading';
  lastError?: string; lastUpdated?: number; messageCount: number }
export type TargetingResult = { result: true } | { result: false } | { result: 'error'; reason: string };
export interface AdminMessageRow { id: string; template: MessageTemplate; provider: string; groups: string[]; priority: number;
  trigger: string; targeting: TargetingResult; impressions: number; capped: boolean; blocked: boolean; cap?: string }
export interface MessagingAdminState { providers: ProviderState[]; messages: AdminMessageRow[]; groups: { id: string; enabled: boolean; impressions: number }[] }
/** A toolbar badge: short text, or a dot when there is none; an optional #rrggbb colour. */
export interface ToolbarBadgeContent { text?: string; color?: string }
/** A what's-new entry (Firefox's whatsnew_panel_message): text only, an https or bundled icon, an http(s) link. */
export interface WhatsNewContent { title: string; body: string; published_date: number; icon_url?: string; icon_alt?: string;
  link_text?: string; cta_url?: string }
export interface WhatsNewItem { id: string; content: WhatsNewContent }
/** A moments page (Firefox's update_action with action id moments-wnp): opened once at the next browser start, unless expired by then. */
export interface UpdateActionContent { action: { id: 'moments-wnp'; data: { url: string; expireDelta?: number } } }
/** Which kind of recommendation a CFR is: the cfr.addons and cfr.features prefs turn each off. */
export type CfrCategory = 'cfrAddons' | 'cfrFeatures';
/**
 * A contextual recommendation (Firefox's cfr_doorhanger), shown as our doorhanger: heading, text,
 * the primary button, "Why am I seeing this?" (`rationale`), an optional "Learn more" link, and
 * the fixed Not now / Don't show this again / Manage controls. `addon` makes the primary an install.
 */
export interface CfrContent { category: CfrCategory; heading_text: string; text: string; rationale: string;
  notification_text?: string; icon?: string; icon_alt?: string; learn_more?: string;
  addon?: { title: string; author?: string }; primary: MessageButton }
/** The popup's views: the toolbar button (everything) or, in Firefox, the address bar's page action (the CFR only). */
export type PopupView = 'toolbar' | 'cfr';
/** What the doorhanger does; each is one CFR event. */
export type CfrControl = 'primary' | 'dismiss' | 'block' | 'rationale' | 'learn_more' | 'manage';
/** What the toolbar popup shows, sent by the background when it opens. */
export interface PopupState { whatsNew: WhatsNewItem[]; cfr: { id: string; content: CfrContent } | null;
  /** The tab the popup was opened on, when its page can be saved (http(s), not private). */
  savableTabId: number | null }
