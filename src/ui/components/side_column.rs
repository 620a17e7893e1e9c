//! The side column beside the stage: the challenge card, the lesson's question or its end,
//! the lesson maker or the narration, and the storage table (in compare mode, this run's
//! and the twin's side by side).

use super::author_panel::{author_panel, AuthorPanelProps};
use super::challenge_card::ChallengeCard;
use super::lesson_end::LessonEndCard;
use super::narration::NarrationPanel;
use super::question::QuestionCard;
use super::storage_panel::StoragePanel;
use crate::ui::io;
use fencing_model::derived::storage_title;
use fencing_model::narration::NarrationView;
use fencing_model::page::{settled_proof, TwinStorage};
use fencing_model::page_link::Panel;
use fencing_model::{Action, Lab};
use fencing_sim::view::StorageView;
use std::rc::Rc;
use yew::prelude::*;

/// What the side column is drawn from. A plain function, not a component: the lab in
/// its props is new with every frame the page draws. The cards that hold still between
/// frames are components, given what `use_side_cards` keeps.
pub struct SideColumnProps<'a> {
    pub lab: &'a Lab,
    pub cards: SideCards,
    /// The storage table and the narration as the readouts give them this frame.
    pub storage: Rc<StorageView>,
    pub narration: Rc<NarrationView>,
    /// Rows the table keeps, and draws this frame.
    pub storage_rows: usize,
    pub storage_draw: usize,
    /// Playing very fast: the table marks no new row.
    pub very_fast: bool,
    pub on_action: &'a Callback<Action>,
    pub on_copy: &'a Callback<String>,
}

/// The challenge and the lesson's question as their cards are given them: made anew only
/// when the challenge or the quiz changes, so the cards redraw only then.
#[derive(Clone)]
pub struct SideCards {
    challenge: Rc<Option<Rc<fencing_model::challenge::Active>>>,
    question: Rc<Option<Rc<fencing_model::quiz::QuestionView>>>,
}

/// What the side column's cards are drawn from (`SideCards`), kept between frames.
#[hook]
pub fn use_side_cards(lab: &Lab) -> SideCards {
    SideCards {
        challenge: use_memo(lab.teaching.challenge.clone(), |a| a.clone().map(Rc::new)),
        question: use_memo(lab.teaching.quiz.clone(), |q| q.view().map(Rc::new)),
    }
}

/// The twin's storage in compare mode: its findings in a line, then its table. A plain
/// function: the twin changes with every frame the pair plays, so a component's check of
/// its props would save nothing, and a component costs the page about a kilobyte.
fn twin_storage_panel(t: &TwinStorage, rows: usize, draw: usize, highlight: bool) -> Html {
    html! {
        <div class="compare-b" aria-label={t.label.clone()}>
            <p class="compare-summary">
                { t.lead.clone() }
                <span data-twin-finding="rejected">{ t.rejected.clone() }</span>{ " · " }
                <span data-twin-finding="stale">{ t.stale.clone() }</span>{ " · " }
                <span data-twin-finding="superseded">{ t.superseded.clone() }</span>{ " · " }
                <span data-twin-finding="violations">{ t.violations.clone() }</span>
            </p>
            <StoragePanel storage={t.storage.clone()} title={t.title.clone()}
                heading_id="storage-twin-h" {rows} {draw} {highlight} />
        </div>
    }
}

pub fn side_column(props: SideColumnProps<'_>) -> Html {
    let lab = props.lab;
    let on_action = props.on_action.clone();
    let SideCards {
        challenge,
        question,
    } = props.cards;
    let challenge_link = (*challenge)
        .as_ref()
        .and_then(|a| a.won.as_ref().map(|w| io::url_with_fragment(&w.link)));
    let lesson_end = lab.lesson_end();
    // After a reveal, the event that settles the answer: marked once the run reaches it.
    let proof = settled_proof((*question).as_deref(), lab.run.snapshot.now);
    let settled = proof.is_some();
    let proof_row = proof.map(Rc::new);
    let author = lab.teaching.author.open.then_some(&lab.teaching.author);
    let narrated = lab.shows(Panel::Narration) && !lab.teaching.author.open;
    let storage = props
        .lab
        .shows(Panel::Storage)
        .then(|| props.storage.clone());
    let twin = TwinStorage::of(lab);
    let (rows, draw, highlight) = (props.storage_rows, props.storage_draw, !props.very_fast);
    let asking = lab.teaching.quiz.asking();
    html! {
        <div class="side">
            if let Some(active) = (*challenge).clone() {
                <ChallengeCard link={challenge_link} {active} on_action={on_action.clone()} on_copy={props.on_copy.clone()} />
            }
            if let Some(end) = lesson_end {
                <LessonEndCard {end} on_action={on_action.clone()} />
            } else if let Some(q) = (*question).clone() {
                <QuestionCard view={q} {settled} playing={lab.run.playing} finger={lab.view.by_finger()} on_action={on_action.clone()} />
            }
            if let Some(draft) = author {
                { author_panel(AuthorPanelProps { draft, now: lab.now(), playing: lab.run.playing, on_action: &on_action }) }
            }
            if narrated {
                <NarrationPanel title={lab.teaching.written.title.clone()} view={props.narration.clone()}
                    scripted={!lab.run.scenario.faults.is_empty()} has_script={!lab.teaching.written.faults.is_empty()}
                    questions={lab.teaching.quiz.on()} has_questions={lab.teaching.has_questions()}
                    all_tools={lab.view.all_tools}
                    {on_action} />
            }
            if let Some(storage) = storage {
                if let Some(twin) = twin {
                    <div class="compare-pair">
                        <div class="compare-a"><StoragePanel {storage} title={storage_title(lab)} {rows} {draw} {highlight} {asking} /></div>
                        { twin_storage_panel(&twin, rows, draw, highlight) }
                    </div>
                } else {
                    <StoragePanel {storage} {rows} {draw} {highlight} proof={proof_row} {asking} />
                }
            }
        </div>
    }
}
