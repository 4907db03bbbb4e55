'use client';

import { useId, type InputHTMLAttributes } from 'react';

type TextFieldProps = { label: string; hint?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

/** A labelled text input with an optional hint the input is described by. */
export function TextField({ label, hint, ...input }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input
        type="text"
        {...input}
        id={id}
        aria-describedby={hint ? hintId : undefined}
        className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2 shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand"
      />
      {hint && (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
    </div>
  );
}
