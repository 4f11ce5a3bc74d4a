import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("credibility_checks", ROOT / "scripts" / "credibility_checks.py")
cc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cc)


def test_auc_counts_pairs_and_ties():
    assert cc.auc([3, 2, 1], [True, False, False]) == 1.0
    assert cc.auc([1, 2], [True, False]) == 0.0
    assert cc.auc([1, 1], [True, False]) == 0.5


def test_report_from_a_kept_run(tmp_path, capsys):
    (tmp_path / "out").mkdir()
    gold = tmp_path / "gold.jsonl"
    lines = []
    for i, (cred, v) in enumerate([(True, 90), (True, 70), (False, 40), (False, 80)]):
        checklist = [{"check": "a", "value": v, "weight": 2}, {"check": "b", "value": 100 - v, "weight": 1}]
        doc = {"explanations": {"credibility": {"details": {"checklist": checklist}}}}
        (tmp_path / "out" / f"d{i}.json").write_text(json.dumps(doc), encoding="utf-8")
        lines.append(json.dumps({"id": f"d{i}", "credible": cred, "label": "Real" if cred else "Fake"}))
    gold.write_text("\n".join(lines), encoding="utf-8")
    assert cc.main([str(tmp_path), str(gold)]) == 0
    out = capsys.readouterr().out
    assert "documents: 4" in out
    assert "a                       0.750" in out
