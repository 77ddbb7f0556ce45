/**
 * One link of the anchor, as a group of fields: the offered product (`to`), `kind`, the upsell
 * type, `reason` and `placements`, and a button that removes it. Each field shows what
 * `offerwise validate` says of it right under it, tied to it with aria-invalid and
 * aria-describedby; the link's other problems (a field it has no control for, a duplicate)
 * show under the group and describe it.
 */
import { h } from 'preact';
import type { ComponentChildren } from 'preact';
import { LINK_KINDS, PLACEMENTS, type AnchorLink, type EditedField, type LinkProblems } from './link-editor-state';
import { PREVIEW_PLACEMENTS } from './link-preview';
import { REASON_MAX } from '../src/catalog/field-rules';

/** The upsell types of catalog.md, each with what it means for the card. */
export const UPSELL_LABELS = [
  ['premium', 'Premium: a better version (the default)'],
  ['tier', 'Tier: basic to pro'],
  ['quantity', 'Quantity: a larger size or multi-pack'],
  ['addon', 'Add-on: improves the original (warranty, faster shipping)'],
] as const;

const KIND_LABELS: Readonly<Record<(typeof LINK_KINDS)[number], string>> = {
  'cross-sell': 'Cross-sell: goes with it',
  upsell: 'Upsell: instead of it, or on top',
};

const PLACEMENT_LABELS = new Map<string, string>(PREVIEW_PLACEMENTS.map(([value, label]) => [value, label]));

interface Props {
  entry: AnchorLink;
  /** 1-based, among the anchor's links. */
  position: number;
  problems: LinkProblems | undefined;
  /** The offered product as the catalog names it ("Blender Pro, $99.00"), when it has one. */
  toTitle?: string;
  /** Why a valid link may show no card (link-notes.ts). */
  note?: string;
  /** The `<datalist>` of product ids the `to` field suggests. */
  listId: string;
  onEdit: (field: EditedField, value: string | readonly string[]) => void;
  onRemove: () => void;
}

/** A field's value as text: strings as they are, anything else a file put there as JSON. */
const asText = (value: unknown): string => (typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value));

/** The ids that describe a field: its hint, then its problems when it has any. */
const describedBy = (...ids: Array<string | false | undefined>) => ids.filter(Boolean).join(' ') || undefined;

function Problems({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p class="field-error" id={id}>
      {messages.join('; ')}
    </p>
  );
}

/** A `<select>` of `options`; a value outside them (from a file) is shown as what it is, marked not valid. */
function Choice(props: {
  id: string;
  label: string;
  value: unknown;
  options: ReadonlyArray<readonly [string, string]>;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (value: string) => void;
}) {
  const current = asText(props.value);
  const known = props.options.some(([value]) => value === current);
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={current}
        aria-invalid={props.invalid ? 'true' : undefined}
        aria-describedby={props.describedBy}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        {!known && <option value={current}>{current === '' ? 'Missing' : `${current} (not valid)`}</option>}
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>{label}</option>
        ))}
      </select>
    </div>
  );
}

function Field({ children }: { children: ComponentChildren }) {
  return <div class="field">{children}</div>;
}

export function LinkFields({ entry, position, problems, toTitle, note, listId, onEdit, onRemove }: Props) {
  const link = entry.link as Record<string, unknown>;
  const id = `link-${entry.key}`;
  const fields = problems?.fields ?? {};
  const invalid = (field: EditedField) => (fields[field]?.length ?? 0) > 0;
  const errorId = (field: EditedField) => invalid(field) && `${id}-${field}-error`;
  const other = problems?.other ?? [];
  const reason = asText(link.reason);
  const placements = Array.isArray(link.placements) ? (link.placements as unknown[]) : [];

  return (
    <fieldset class="link" id={id} aria-describedby={describedBy(other.length > 0 && `${id}-other`, note && `${id}-note`)}>
      <legend>Link {position}</legend>

      <Field>
        <label for={`${id}-to`}>Offered product</label>
        <input
          id={`${id}-to`}
          type="text"
          list={listId}
          autoComplete="off"
          spellcheck={false}
          value={asText(link.to)}
          aria-invalid={invalid('to') ? 'true' : undefined}
          aria-describedby={describedBy(`${id}-to-hint`, errorId('to'))}
          onInput={(event) => onEdit('to', event.currentTarget.value)}
        />
        <p class="hint" id={`${id}-to-hint`}>{toTitle ?? 'A product id of this catalog (to).'}</p>
        <Problems id={`${id}-to-error`} messages={fields.to} />
      </Field>

      <div class="row">
        <Choice
          id={`${id}-kind`}
          label="Kind"
          value={link.kind}
          options={LINK_KINDS.map((kind) => [kind, KIND_LABELS[kind]] as const)}
          invalid={invalid('kind')}
          describedBy={describedBy(errorId('kind'))}
          onChange={(value) => onEdit('kind', value)}
        />
        {link.kind === 'upsell' && (
          <Choice
            id={`${id}-upsell`}
            label="Upsell type"
            value={link.upsell}
            options={UPSELL_LABELS}
            invalid={invalid('upsell')}
            describedBy={describedBy(errorId('upsell'))}
            onChange={(value) => onEdit('upsell', value)}
          />
        )}
      </div>
      <Problems id={`${id}-kind-error`} messages={fields.kind} />
      <Problems id={`${id}-upsell-error`} messages={fields.upsell} />

      <Field>
        <label for={`${id}-reason`}>Reason</label>
        <input
          id={`${id}-reason`}
          type="text"
          value={reason}
          aria-invalid={invalid('reason') ? 'true' : undefined}
          aria-describedby={describedBy(`${id}-reason-hint`, errorId('reason'))}
          onInput={(event) => onEdit('reason', event.currentTarget.value)}
        />
        <p class="hint" id={`${id}-reason-hint`}>
          Why it fits, shown on the card: {reason.length} of at most {REASON_MAX} characters.
        </p>
        <Problems id={`${id}-reason-error`} messages={fields.reason} />
      </Field>

      <fieldset
        class="placements"
        aria-invalid={invalid('placements') ? 'true' : undefined}
        aria-describedby={describedBy(`${id}-placements-hint`, errorId('placements'))}
        onChange={(event) => {
          const boxes = event.currentTarget.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
          onEdit('placements', [...boxes].filter((box) => box.checked).map((box) => box.value));
        }}
      >
        <legend>Placements</legend>
        <div class="choices">
          {PLACEMENTS.map((placement) => (
            <label key={placement}>
              <input type="checkbox" value={placement} checked={placements.includes(placement)} /> {PLACEMENT_LABELS.get(placement) ?? placement}
            </label>
          ))}
        </div>
        <p class="hint" id={`${id}-placements-hint`}>None checked: every placement.</p>
        <Problems id={`${id}-placements-error`} messages={fields.placements} />
      </fieldset>

      {other.length > 0 && (
        <ul class="field-error" id={`${id}-other`}>
          {other.map((message) => <li key={message}>{message}</li>)}
        </ul>
      )}
      {note && <p class="note" id={`${id}-note`}>{note}</p>}

      <div class="actions">
        <button type="button" class="secondary" onClick={onRemove}>Remove link {position}</button>
      </div>
    </fieldset>
  );
}
