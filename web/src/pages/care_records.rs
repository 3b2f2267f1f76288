//! Children in care from the council's own SSDA903 records, a page and a download of its
//! own (linked from the Children in care page): the files are opened and read in this
//! browser (nothing is uploaded, nothing is kept), cleaned, shown as a history by category,
//! projected by age band and category and costed by financial year; and this financial
//! year forecast as Portsmouth's paper does, whose average numbers can be written into the
//! Cost of care page's placement lines (numbers only). Reading and cleaning are
//! `csplan_data::ssda903`, the model and costs `csplan_calc::care`, the fields
//! `csplan_validation::care`, the tables `csplan_present::tables`: the same code as
//! `csplan care`.

use csplan_calc::care::{
    fit, history, in_house_shares, project, project_costs, year_forecast, CareProjection, HistoryPoint,
};
use csplan_data::ssda903::{read, ReadError, Records};
use csplan_model::care::CareSetup;
use csplan_model::care::Step;
use csplan_model::Decimal;
use csplan_present::tables;
use csplan_validation::care::{
    check_window, read_adjustments, read_costs, read_day, read_setup, read_window, RecordsSettings,
};
use csplan_validation::cost_form::PlacementsForm;
use csplan_validation::Problem;
use leptos::prelude::*;

use crate::components::chart::{LineChart, Lines};
use crate::components::csv::CsvLink;
use crate::components::files::FilePicker;
use crate::components::layout::Reveal;
use crate::components::live_table::LiveTable;
use crate::pages::care_inputs::{
    select_field, text_field, AdjustmentFields, Adjustments, CategoryFields, Labels, SetupFields,
};
use crate::route::{use_route_context, Page};

/// The history as lines, one a category.
fn history_lines(h: &[HistoryPoint], names: &[String]) -> Lines {
    let series = names
        .iter()
        .enumerate()
        .map(|(c, n)| {
            (n.clone(), h.iter().map(|p| Decimal::from(p.by_category.get(c).copied().unwrap_or(0))).collect())
        })
        .collect();
    Lines {
        series,
        labels: h.iter().map(|p| p.day.get(..7).unwrap_or_default().to_string()).collect(),
        label_every: 12,
        description: "Children in care on each month's last day, by category, from the records. The table below gives each 31 March.".into(),
    }
}

/// The projection as lines, one a category.
fn projection_lines(p: &CareProjection) -> Lines {
    let series = p
        .categories
        .iter()
        .enumerate()
        .map(|(c, n)| {
            (n.clone(), (0..p.months.len()).map(|m| p.by_category(m).get(c).copied().unwrap_or_default()).collect())
        })
        .collect();
    Lines {
        series,
        labels: p.months.iter().map(|m| m.date.get(..7).unwrap_or_default().to_string()).collect(),
        label_every: 6,
        description: "Expected children in care in each category, month by month from the window's last day. The table below gives the figures, with the 95% band.".into(),
    }
}

/// Where the page keeps what the council set on it.
const SETTINGS_KEY: &str = "csplan-care-settings";

/// The page.
#[component]
pub fn CareRecordsPage() -> impl IntoView {
    view! {
        <crate::components::layout::PageHeading
            title="Children in care from your records"
            lead="How many children may be in care, by age band and category of placement, projected from the council's own SSDA903 records: the same model as csplan care on the command line."
            no_presets=true
        />
        <CareRecords/>
    }
}

/// The records, what cleaning changed, the history and the projection.
#[component]
fn CareRecords() -> impl IntoView {
    let files: RwSignal<Vec<(String, String)>> = RwSignal::new(Vec::new());
    // What the council set here last time (no child's record is in it), or DfE's
    // categories and bands: kept in this browser, so another page and back keeps it.
    let kept = RecordsSettings::from_text(
        crate::site::storage().and_then(|s| s.get_item(SETTINGS_KEY).ok().flatten()).as_deref(),
    );
    let bands_text = RwSignal::new(kept.bands.clone());
    let categories = RwSignal::new(kept.categories.iter().map(CategoryFields::from_text).collect::<Vec<_>>());
    let setup_read = Memo::new(move |_| {
        let typed: Vec<(String, String)> =
            categories.with(|l| l.iter().map(|c| (c.name.get(), c.places.get())).collect());
        read_setup(&bands_text.get(), &typed)
    });
    let setup_problems = Memo::new(move |_| setup_read.with(|r| r.as_ref().err().cloned().unwrap_or_default()));
    let setup = Memo::new(move |last: Option<&CareSetup>| match setup_read.get() {
        Ok(s) => s,
        Err(_) => last.cloned().unwrap_or_default(),
    });
    // Read again only when the files or the codes the categories name change.
    let codes = Memo::new(move |_| setup.with(CareSetup::codes));
    let read_out: Memo<Option<Result<Records, Vec<ReadError>>>> =
        Memo::new(move |_| files.with(|f| (!f.is_empty()).then(|| codes.with(|c| read(f, c)))));
    let records = Memo::new(move |_| read_out.with(|r| r.as_ref().and_then(|r| r.as_ref().ok().cloned())));
    let (from, to, months) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(kept.months.clone()));
    let forecast_on = RwSignal::new(String::new());
    // A new set of files starts with the six months to their last day, and forecasts the
    // financial year from that day.
    Effect::new(move |_| {
        if let Some((first, last)) = records.with(|r| r.as_ref().and_then(csplan_calc::care::default_window)) {
            from.set(first.to_string());
            to.set(last.to_string());
            forecast_on.set(last.to_string());
        }
    });
    // The window as typed, then against the days the records cover.
    let window = Memo::new(move |_| {
        let w = read_window(&from.get(), &to.get(), &months.get())?;
        let covered = records.with(|r| r.as_ref().and_then(Records::covered));
        match covered.map(|c| check_window(&w, c)) {
            Some(p) if !p.is_empty() => Err(p),
            _ => Ok(w),
        }
    });
    let problems = Memo::new(move |_| window.with(|w| w.as_ref().err().cloned().unwrap_or_default()));
    let names = Memo::new(move |_| setup.with(|s| s.categories.iter().map(|c| c.name.clone()).collect::<Vec<_>>()));
    let hist = Memo::new(move |_| records.with(|r| r.as_ref().map(|r| setup.with(|s| history(r, s)))));
    let step = RwSignal::new(kept.step.clone());
    let adjustments = RwSignal::new(kept.adjustments.iter().map(AdjustmentFields::from_text).collect::<Vec<_>>());
    let adjusted = Memo::new(move |_| {
        let typed: Vec<_> = adjustments.with(|l| l.iter().map(AdjustmentFields::text).collect());
        setup.with(|s| read_adjustments(&typed, s))
    });
    // The rates fitted and adjusted; an adjustment that breaks a rule is named at its value.
    let rates = Memo::new(move |_| {
        let w = window.get().ok()?;
        let list = adjusted.get().ok()?;
        records.with(|r| {
            let r = r.as_ref()?;
            setup.with(|s| {
                let fitted = fit(r, s, w.from, w.to).ok()?;
                Some(if list.is_empty() {
                    Ok(fitted)
                } else {
                    fitted.adjust(&list).map_err(|e| {
                        let at = csplan_validation::fields::Path::root("care").at("adjustments", e.index);
                        Problem::error(at.field("value").as_str(), e.message(s))
                    })
                })
            })
        })
    });
    let adjust_problems = Memo::new(move |_| {
        let mut p = adjusted.with(|a| a.as_ref().err().cloned().unwrap_or_default());
        if let Some(Err(e)) = rates.get() {
            p.push(e);
        }
        p
    });
    let projection: Memo<Option<CareProjection>> = Memo::new(move |_| {
        let w = window.get().ok()?;
        let rates = rates.get()?.ok()?;
        let step = if step.get() == "monthly" { Step::Monthly } else { Step::Daily };
        records.with(|r| setup.with(|s| project(r.as_ref()?, s, &rates, w.to, w.months, step).ok()))
    });
    let changes = Memo::new(move |_| records.with(|r| r.as_ref().map(tables::care_changes)));
    // Worked out only while "Every change, row by row" is open (it alone reads it).
    let every_change = Memo::new(move |_| records.with(|r| r.as_ref().map(tables::care_change_rows)));
    let history_table = Memo::new(move |_| hist.with(|h| h.as_ref().map(|h| tables::care_history(h, &names.get()))));
    let projection_table = Memo::new(move |_| projection.with(|p| p.as_ref().map(tables::care_projection)));
    let bands_table = Memo::new(move |_| {
        projection.with(|p| p.as_ref().and_then(|p| tables::care_bands(p, p.months.len().saturating_sub(1))))
    });
    let history_chart =
        Memo::new(move |_| hist.with(|h| history_lines(h.as_deref().unwrap_or_default(), &names.get())));
    let projection_chart =
        Memo::new(move |_| projection.with(|p| p.as_ref().map(projection_lines).unwrap_or_default()));
    let errors = move || {
        read_out.with(|r| match r {
            Some(Err(list)) => Some(view! {
                <div class="govuk-error-summary" id="care-read-errors" tabindex="-1">
                    <h2 class="govuk-error-summary__title">"These files cannot be read yet"</h2>
                    <div class="govuk-error-summary__body">
                        <p class="govuk-body">"Nothing was read from any of them. Put these right in the files, then open them again:"</p>
                        <ul class="govuk-list govuk-list--bullet app-break-words">
                            {list.iter().map(|e| view! { <li>{e.to_string()}</li> }).collect_view()}
                        </ul>
                    </div>
                </div>
            }),
            _ => None,
        })
    };
    // What the projection costs: each category's in-house and external cost, a year or a
    // week, weighted by the share placed in-house on the window's last day, with inflation.
    // The costs are typed into each category's own fields, so they go with it when one
    // before it is removed.
    let (weekly, weeks, inflation) =
        (RwSignal::new(kept.weekly), RwSignal::new(kept.weeks.clone()), RwSignal::new(kept.inflation.clone()));
    // Everything set here, kept as it changes; a browser that will not keep it is told.
    let settings = Memo::new(move |_| RecordsSettings {
        months: months.get(),
        step: step.get(),
        bands: bands_text.get(),
        categories: categories.with(|l| l.iter().map(CategoryFields::text).collect()),
        adjustments: adjustments.with(|l| l.iter().map(AdjustmentFields::text).collect()),
        weekly: weekly.get(),
        weeks: weeks.get(),
        inflation: inflation.get(),
    });
    let not_kept = RwSignal::new(false);
    Effect::new(move |_| {
        let text = settings.with(RecordsSettings::to_text);
        let kept = crate::site::storage().is_some_and(|s| s.set_item(SETTINGS_KEY, &text).is_ok());
        not_kept.set(!kept);
    });
    let reset = move |_| {
        let d = RecordsSettings::default();
        bands_text.set(d.bands.clone());
        CategoryFields::set_all(categories, &d.categories);
        adjustments.set(Vec::new());
        months.set(d.months.clone());
        step.set(d.step.clone());
        weekly.set(d.weekly);
        weeks.set(d.weeks.clone());
        inflation.set(d.inflation);
    };
    let costs = Memo::new(move |_| {
        let typed: Vec<(String, String)> =
            categories.with(|l| l.iter().map(|c| (c.in_house.get(), c.external.get())).collect());
        read_costs(&typed, &names.get(), weekly.get(), &weeks.get(), &inflation.get())
    });
    let cost_problems = Memo::new(move |_| costs.with(|c| c.as_ref().err().cloned().unwrap_or_default()));
    let shares = Memo::new(move |_| {
        let w = window.get().ok()?;
        records.with(|r| r.as_ref().map(|r| setup.with(|s| in_house_shares(r, s, w.to))))
    });
    let given = Memo::new(move |_| {
        costs.with(|c| c.as_ref().is_ok_and(|c| c.annual.iter().any(|(i, o)| i.is_some() || o.is_some())))
    });
    let costed = Memo::new(move |_| {
        let c = costs.get().ok()?;
        let s = shares.get()?;
        given.get().then(|| projection.with(|p| p.as_ref().map(|p| project_costs(p, &s, &c))))?
    });
    let costs_table = Memo::new(move |_| {
        costed.with(|c| c.as_ref().and_then(|c| c.as_ref().ok()).map(|c| tables::care_costs(c, &names.get())))
    });
    let cost_fields = move || {
        let share_of = move |c: usize| {
            shares.with(|s| match s.as_ref().and_then(|s| s.get(c).copied().flatten()) {
                Some(v) => format!(
                    "{} of its children were in-house on the window's last day",
                    csplan_model::fmt::share_percent(v, 0)
                ),
                None => "None in it on the window's last day".to_string(),
            })
        };
        names
            .get()
            .into_iter()
            .enumerate()
            .filter_map(|(c, name)| {
                let (inside, outside) = categories.with(|l| l.get(c).map(|f| (f.in_house, f.external)))?;
                Some(view! {
                    <fieldset class="govuk-fieldset">
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{name.clone()}</legend>
                        <div class="app-inline-fields">
                            {text_field(format!("care-costs-{c}-in_house"), "In-house (£)", share_of(c), inside, cost_problems, format!("care.costs[{c}].in_house"))}
                            {text_field(format!("care-costs-{c}-external"), "External (£)", "Blank if none", outside, cost_problems, format!("care.costs[{c}].external"))}
                        </div>
                    </fieldset>
                })
            })
            .collect_view()
    };
    // This financial year as Portsmouth's paper forecasts it, and its average numbers
    // written into the Cost of care page's placement lines (numbers only: no child's record
    // leaves this page).
    let planner = crate::state::use_planner();
    let forecast_day = Memo::new(move |_| read_day("care.forecast_on", "day to forecast from", &forecast_on.get()));
    let forecast_problems =
        Memo::new(move |_| forecast_day.with(|d| d.as_ref().err().cloned().into_iter().collect::<Vec<_>>()));
    let forecast = Memo::new(move |_| {
        let on = forecast_day.get().ok()?;
        records.with(|r| r.as_ref().map(|r| setup.with(|s| year_forecast(r, s, on))))
    });
    let forecast_table = Memo::new(move |_| forecast.with(|f| f.as_ref().map(tables::care_year_forecast)));
    let taken = RwSignal::new(None::<String>);
    let take = move |_| {
        let Some(f) = forecast.get_untracked() else { return };
        let (numbers, none) = setup.with_untracked(|s| f.placement_numbers(s));
        planner.typed();
        let (updated, added) = planner
            .edit(|form| form.placements.get_or_insert_with(PlacementsForm::new_section).take_numbers(&numbers, &none));
        taken.set(Some(format!(
            "The Cost of care page's placement lines now hold {}'s average numbers: {updated} line{} updated, {added} added. Enter the unit cost and budget of each line added there.",
            f.year,
            if updated == 1 { "" } else { "s" }
        )));
        crate::components::error_summary::focus_field_later("care-taken".to_string());
    };
    let long_csv =
        Signal::derive(move || projection.with(|p| p.as_ref().map(|p| tables::care_long(p).csv()).unwrap_or_default()));
    view! {
        <h2 class="govuk-heading-l" id="care-records-heading">"Your SSDA903 files"</h2>
        <p class="govuk-body">"Open the header and episodes tables of your SSDA903 return (the children looked after return to DfE), one year or several. "
            <strong>"The files are read in this browser and never leave it: nothing is uploaded."</strong></p>
        <p class="govuk-body" id="care-kept">"Nor are they kept: they stay open only while this page is. Reloading it or going to another page closes them and the reference window, and you open them again. What you set on this page (the months and steps, the categories and bands, the costs and the adjustments) is kept in this browser, with no child's record in it. The stock-flow model on the "
            <a class="govuk-link" href=Page::ChildrenInCare.href() on:click=use_route_context().link(Page::ChildrenInCare)>"Children in care"</a>" page keeps its figures as every other page does."</p>
        <FilePicker id="care-files" drop_id="care-drop" label="SSDA903 files"
            hint="Choose the .csv files: the header table (CHILD, SEX, DOB, ...) and the episodes table (CHILD, DECOM, ... PLACE, ... DEC, ...) for each year. The return's other tables are read past. You can also drop them here."
            accept=".csv,text/csv" files/>
        <div aria-live="polite" id="care-status">
            {move || (!files.with(Vec::is_empty)).then(|| {
                let n = files.with(Vec::len);
                view! {
                    <p class="govuk-body" id="care-read">{move || records.with(|r| match r {
                        Some(r) => format!("{n} file{} read: {} children, {} episodes after cleaning.", if n == 1 { "" } else { "s" }, r.children.len(), r.episodes.len()),
                        None => format!("{n} file{} opened.", if n == 1 { "" } else { "s" }),
                    })}</p>
                }
            })}
            {errors}
        </div>
        {move || records.with(Option::is_some).then(|| view! {
            <button type="button" class="govuk-button govuk-button--secondary app-no-print" id="care-clear"
                on:click=move |_| files.set(Vec::new())>"Clear the files"</button>
            <h2 class="govuk-heading-m">"What cleaning changed"</h2>
            <LiveTable table=changes small=true/>
            // Drawn only once opened: a large authority's files make tens of thousands of rows.
            <Reveal summary="Every change, row by row" id="care-every-change">
                <LiveTable table=every_change small=true/>
            </Reveal>
            <h2 class="govuk-heading-m">"Children in care over the years in the files"</h2>
            <LineChart id="care-history-chart" title="Children in care by category, from the records" lines=history_chart/>
            <LiveTable table=history_table small=true/>
            <h2 class="govuk-heading-m" id="care-projection-heading">"Projection"</h2>
            <p class="govuk-body">"Rates are fitted from the reference window: children starting care, leaving it and moving between categories, by age band. The projection starts from the children in care on the window's last day; each child moves band on their own birthday (in monthly steps, from the month after) and leaves at 18 or on a recorded end date."</p>
            <div class="app-inline-fields">
                {text_field("care-from", "Reference window: first day", "Like 2021-10-01", from, problems, "care.from")}
                {text_field("care-to", "Reference window: last day", "The projection starts here", to, problems, "care.to")}
                {text_field("care-months", "Months to project", "1 to 120", months, problems, "care.months")}
                {select_field(Labels::new("care-step", "Steps", "A month at a time: each month's chances are the daily rates x its days, once, and birthdays count from the next month", "care.step"),
                    Signal::derive(|| vec![("daily".to_string(), "A day at a time".to_string()), ("monthly".to_string(), "A month at a time".to_string())]),
                    step, problems)}
            </div>
            <button type="button" class="govuk-button govuk-button--secondary app-no-print" id="care-settings-reset" on:click=reset>
                "Put back DfE's categories, bands and settings"
            </button>
            {move || not_kept.get().then(|| view! {
                <p class="govuk-body" id="care-settings-not-kept">"This browser is not keeping what you set here (its storage is full or turned off): it will go when you leave the page."</p>
            })}
            <SetupFields bands=bands_text categories problems=setup_problems/>
            {move || (!setup_problems.with(Vec::is_empty)).then(|| view! {
                <div class="govuk-warning-text" id="care-setup-warning">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>
                        "The categories and age bands have a problem, shown above: the projection uses the last ones that worked until it is put right."</strong>
                </div>
            })}
            <Adjustments list=adjustments bands=Signal::derive(move || setup.with(CareSetup::band_names))
                categories=Signal::derive(move || setup.with(|s| s.categories.iter().map(|c| (c.id.clone(), c.name.clone())).collect()))
                problems=adjust_problems/>
            <LineChart id="care-projection-chart" title="Children in care projected by category" lines=projection_chart/>
            <LiveTable table=projection_table/>
            <LiveTable table=bands_table small=true/>
            <CsvLink id="care-long-csv" file="csplan-care-projection.csv"
                label=Signal::derive(|| "Download the projection by age band and category (CSV)".to_string()) csv=long_csv/>
            <h2 class="govuk-heading-m" id="care-costs-heading">"What the projection costs"</h2>
            <p class="govuk-body">"Enter what one placement of each category costs, in-house and external. Each category's cost is weighted by the share of its children placed in-house (PLACE_PROVIDER PR0 or PR1) on the window's last day."</p>
            <div class="govuk-form-group">
                <label class="govuk-label" for="care-cost-per">"The costs are"</label>
                <select class="govuk-select" id="care-cost-per" on:change=move |e| weekly.set(event_target_value(&e) == "week")>
                    <option value="year" selected=move || !weekly.get()>"A year"</option>
                    <option value="week" selected=move || weekly.get()>"A week"</option>
                </select>
            </div>
            <div class="app-inline-fields">
                {move || weekly.get().then(|| text_field("care-weeks", "Weeks in a year", "Weekly costs are multiplied by this", weeks, cost_problems, "care.weeks"))}
                {text_field("care-inflation", "Inflation a year (%)", "Each year after the first costs this much more", inflation, cost_problems, "care.inflation")}
            </div>
            {cost_fields}
            {move || costed.with(|c| match c {
                Some(Err(m)) => Some(view! { <p class="govuk-body" id="care-costs-missing"><strong>{m.clone()}</strong></p> }),
                _ => None,
            })}
            <LiveTable table=costs_table/>
            <h2 class="govuk-heading-m" id="care-forecast-heading">"This financial year, as Portsmouth forecast it"</h2>
            <p class="govuk-body">"From the children in placement on the day: each stays until the placement's recorded end date, or to 31 March if none is recorded (or until 18). The average number over the year, times each line's unit cost, is the year's forecast against the budget on the Cost of care page."</p>
            {text_field("care-forecast-on", "Forecast from", "Like 2017-04-01: the financial year containing this day is forecast", forecast_on, forecast_problems, "care.forecast_on")}
            <LiveTable table=forecast_table small=true/>
            <button type="button" class="govuk-button govuk-button--secondary app-no-print" id="care-take"
                disabled=move || forecast.with(Option::is_none) on:click=take>
                "Use these numbers on the Cost of care page"
            </button>
            {move || taken.get().map(|m| view! {
                <div class="govuk-inset-text" id="care-taken" tabindex="-1" role="status">
                    <p class="govuk-body">{m}</p>
                    <a class="govuk-link" id="care-taken-link" href=Page::CostOfCare.href() on:click=use_route_context().link(Page::CostOfCare)>"Go to the Cost of care page"</a>
                </div>
            })}
        })}
    }
}
