//! The view part of the lab: how the person looks at it (the selected node and its actions,
//! the speed, the panels shown, the overlays and modes). It stays across runs.

use super::Talk;
use crate::action::Action;
use crate::pacing::SPEEDS;
use fencing_sim::NodeId;
use std::rc::Rc;

/// How the person looks at the lab, kept across runs.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub speed: usize,
    pub selected: Option<NodeId>,
    /// The selected node's actions shown beside it in the picture.
    pub actions_open: bool,
    /// Pause length used by the pause control and the `p` key, in seconds.
    pub pause_secs: u32,
    pub presentation: bool,
    /// The page's colours, kept in the browser (`theme`).
    pub theme: crate::theme::Theme,
    pub help_open: bool,
    pub reduced_motion: bool,
    /// The main pointer is a finger (a tablet or a phone): hints say tap, not click.
    pub touch: bool,
    /// How the picture fits the screen (`layout::Fit`), from the sizes the page measures.
    pub fit: crate::layout::Fit,
    /// The picture's width and height on screen (CSS pixels), where a node's actions go.
    pub picture_px: (f64, f64),
    /// The story's column stands beside the stage (laptops, a phone held sideways): a
    /// node's actions go at its top, not over the picture (`page::ActionsAt::Side`).
    pub side_beside: bool,
    /// Stop at each of the story's beats while playing.
    pub beat_stops: bool,
    /// On short screens, the diagram in the picture's place.
    pub diagram_view: bool,
    /// The lesson path panel is open.
    pub path_open: bool,
    /// Only these panels are shown (a link for a slide chose them); `None`: all.
    pub panels: Option<Rc<Vec<crate::page_link::Panel>>>,
    /// The first visit's welcome is up (`welcome`).
    pub welcome: bool,
    /// Every tool shown, not only what the lesson uses (`first_view`).
    pub all_tools: bool,
    /// The tool whose panel is open beside the stage, if any.
    pub tool: Option<crate::first_view::Tool>,
}

/// The picture's fit for a stage `stage_px` wide on a screen `screen_h` high.
fn fit_for(stage_px: u32, screen_h: u32) -> crate::layout::Fit {
    crate::layout::Fit::for_screen(
        f64::from(stage_px),
        f64::from(screen_h),
        crate::picture::NORMAL_TEXT.smallest(),
        crate::picture::PRESENTATION_TEXT.smallest(),
    )
}

impl View {
    /// The page is worked by a finger: the main pointer is one (a tablet), or the tall
    /// picture shows (a phone). Its hints then say tap, and name no keys.
    pub fn by_finger(&self) -> bool {
        self.touch || self.fit.shape == crate::layout::Shape::Tall
    }

    /// The fit to open with, before the stage is first measured: the window's, as if the
    /// stage took its whole width (CSS pixels). The stage is no wider, and a narrower stage
    /// only ever needs more (the larger words, then the tall picture), so the first measure
    /// keeps this fit or goes further, never back: a phone's first picture is its tall one
    /// and a phone's held sideways has its larger words, not the laptop's picture swapped
    /// with the whole page around it once measured. (Where the story's column stands
    /// beside the stage, as on a tablet held sideways, the measure may still go further.)
    pub fn open_fit(&mut self, window_px: u32, screen_h: u32) {
        self.fit = fit_for(window_px, screen_h);
    }

    pub(super) fn new(speed: usize) -> View {
        View {
            speed,
            selected: Some(NodeId(0)),
            actions_open: false,
            pause_secs: 8,
            presentation: false,
            theme: crate::theme::Theme::Standard,
            help_open: false,
            reduced_motion: false,
            touch: false,
            fit: crate::layout::Fit::default(),
            picture_px: (860.0, 520.0),
            side_beside: false,
            beat_stops: false,
            diagram_view: false,
            path_open: false,
            panels: None,
            welcome: false,
            all_tools: false,
            tool: None,
        }
    }

    /// A new run with `nodes` nodes: the selection kept if its node is still there, the
    /// overlays on the old run put away.
    pub(super) fn restart(&mut self, nodes: u8) {
        self.selected = self.selected.filter(|n| n.0 < nodes);
        self.actions_open = false;
        self.help_open = false;
    }

    /// Whether `action` would leave the view as it is: the device's answers and the
    /// screen's size, sent when the page starts (and the screen's on each resize), are
    /// often what the view already holds.
    pub(super) fn unchanged_by(&self, action: &Action) -> bool {
        match action {
            Action::SetReducedMotion(r) => *r == self.reduced_motion,
            Action::SetTouch(t) => *t == self.touch,
            Action::FitScreen {
                stage_px,
                screen_h,
                picture_px,
                side_beside,
            } => {
                self.fit == fit_for(*stage_px, *screen_h)
                    && self.side_beside == *side_beside
                    && (picture_px.0 == 0
                        || self.picture_px == (f64::from(picture_px.0), f64::from(picture_px.1)))
            }
            _ => false,
        }
    }

    /// Does `action` if it concerns the view alone (telling `talk` what it did, where
    /// that needs saying); false if it is not the view's.
    pub(super) fn apply(&mut self, action: &Action, talk: &mut Talk) -> bool {
        match action {
            Action::ToggleBeatStops => {
                self.beat_stops = !self.beat_stops;
                talk.status = if self.beat_stops {
                    "stopping at each of the story's beats".into()
                } else {
                    "not stopping at the story's beats".into()
                };
            }
            Action::ToggleDiagram => self.diagram_view = !self.diagram_view,
            Action::ShowAllPanels => {
                self.panels = None;
                talk.status = "the whole lab is shown".into();
            }
            Action::ShowPath(open) => self.path_open = *open,
            Action::ToggleAllTools => {
                self.all_tools = !self.all_tools;
                talk.status = if self.all_tools {
                    "all tools shown".into()
                } else {
                    "only the tools this lesson uses are shown".into()
                };
            }
            Action::SetSpeed(i) => self.speed = (*i).min(SPEEDS.len() - 1),
            Action::Faster => self.speed = (self.speed + 1).min(SPEEDS.len() - 1),
            Action::Slower => self.speed = self.speed.saturating_sub(1),
            Action::Dismiss => {
                if self.help_open {
                    self.help_open = false;
                } else if self.path_open {
                    self.path_open = false;
                } else if self.actions_open && self.selected.is_some() {
                    self.actions_open = false;
                } else {
                    self.tool = None;
                }
            }
            Action::OpenTool(tool) => self.tool = *tool,
            Action::ToggleTool(tool) => {
                self.tool = (self.tool != Some(*tool)).then_some(*tool);
            }
            Action::SetPauseSecs(s) => self.pause_secs = (*s).clamp(1, 3600),
            Action::TogglePresentation => self.presentation = !self.presentation,
            Action::ToggleContrast => {
                self.theme = self.theme.toggled();
                talk.status = self.theme.switched_text().into();
            }
            Action::ShowHelp(open) => self.help_open = *open,
            Action::SetReducedMotion(r) => self.reduced_motion = *r,
            Action::SetTouch(t) => self.touch = *t,
            Action::FitScreen {
                stage_px,
                screen_h,
                picture_px,
                side_beside,
            } => {
                self.side_beside = *side_beside;
                if picture_px.0 > 0 {
                    self.picture_px = (f64::from(picture_px.0), f64::from(picture_px.1));
                }
                self.fit = fit_for(*stage_px, *screen_h);
            }
            _ => return false,
        }
        true
    }

    /// Whether the picture draws the larger words: in presentation mode, or where the
    /// screen needs them (`layout::Fit`). Not the tall picture (a phone): its columns have
    /// no room for them (a zombie's words would cover its neighbour's), and its normal
    /// words are already larger on screen than the wide picture's.
    pub fn large_words(&self) -> bool {
        match self.fit.shape {
            crate::layout::Shape::Wide => self.presentation || self.fit.large_words,
            crate::layout::Shape::Tall => false,
        }
    }

    /// Whether the page shows panel `p` (all, unless a link chose some).
    pub fn shows(&self, p: crate::page_link::Panel) -> bool {
        self.panels.as_ref().is_none_or(|v| v.contains(&p))
    }
}
