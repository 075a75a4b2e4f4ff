import type { FitVerdict } from '../../../../gateway/admin/contract.ts';
import { Badge } from '../../../shared/ui/panel.tsx';

const FIT = {
  gpu: { tone: 'good', text: 'fits GPU' },
  partial: { tone: 'warn', text: 'partly on CPU' },
  cpu: { tone: 'warn', text: 'CPU only' },
  no: { tone: 'bad', text: "doesn't fit" },
} as const;

export function FitBadge({ fit }: { fit: FitVerdict }) {
  return <Badge tone={FIT[fit].tone}>{FIT[fit].text}</Badge>;
}
