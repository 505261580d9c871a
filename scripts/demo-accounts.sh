#!/usr/bin/env bash
# Creates the demo portal accounts in the demo deployment's ledger, once:
# the province, 聊城市 and 济宁市, and two county departments. They share one
# random password, printed here once and never stored in a file.
# Usage: scripts/demo-accounts.sh HUANXIN_BINARY ROOT
set -euo pipefail
huanxin="$1"
root="$2"
if "$huanxin" accounts list --root "$root" | grep -q '^shandong '; then
  echo "演示账号已存在 Demo accounts exist (huanxin accounts passwd --user NAME --password-stdin to reset one)."
  exit 0
fi
password="$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | head -c 16)"
add() { printf '%s\n' "$password" | "$huanxin" accounts add --root "$root" --password-stdin "$@" >/dev/null; }
add --user shandong --role province --region 370000
add --user liaocheng --role city --region 371500
add --user jining --role city --region 370800
add --user dongchangfu-commerce --role department --region 371502 --department commerce
add --user jiaxiang-commerce --role department --region 370829 --department commerce
echo "演示账号 Demo accounts (password shown once 密码仅显示一次):"
echo "  shandong (省 province 370000)  liaocheng (市 city 371500)  jining (市 city 370800)"
echo "  dongchangfu-commerce (东昌府区商务局)  jiaxiang-commerce (嘉祥县商务局)"
echo "  密码 password: $password"
