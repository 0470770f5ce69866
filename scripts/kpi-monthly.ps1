# kpi-monthly.ps1 -Data DATA -Hospitals HOSPITALS -Results RESULTS [-Month YYYY-MM] [kpi compute options...]
#
# The month just ended (run it on the 1st): kpi compute on DATA (a folder or zip of 43-file
# exports) with the unit list HOSPITALS, written as RESULTS\kpi-YYYY-MM.json, .xlsx and .html;
# then kpi diff against last month's JSON into RESULTS\diff-YYYY-MM.csv. Works from any folder
# (Task Scheduler starts in C:\Windows\System32): give full paths. Extra options go to
# kpi compute, e.g. --by district --lang en. -Month names the month to file the results under.
#
# Exit codes:
#   0  computed; no area newly below its target since last month (or no last month to compare)
#   1  computed; an area newly fell below its target: see RESULTS\diff-YYYY-MM.csv
#   2  wrong arguments, kpi not found, a bad option or template, or the two months not comparable
#   3  a data error (unreadable export, missing table or column, a file that cannot be written)
#   70 an internal error of kpi (a bug: please report it)
param(
  [string]$Data,
  [string]$Hospitals,
  [string]$Results,
  [string]$Month,
  [Parameter(ValueFromRemainingArguments = $true)][string[]]$ComputeOptions = @()
)

# Not Mandatory: under Task Scheduler a missing argument must fail, not wait for typing.
if (-not $Data -or -not $Hospitals -or -not $Results) {
  [Console]::Error.WriteLine('usage: kpi-monthly.ps1 -Data DATA -Hospitals HOSPITALS -Results RESULTS [-Month YYYY-MM] [kpi compute options...]')
  exit 2
}

# kpi: $env:KPI (the full path of kpi.cmd); else this package's own bin\kpi.js (the script ships
# inside it); else kpi.cmd on PATH (npm install -g puts it in %APPDATA%\npm).
$own = Join-Path $PSScriptRoot '..\bin\kpi.js'
function Invoke-Kpi {
  if ($env:KPI) { & $env:KPI @args }
  elseif ((Test-Path $own) -and (Get-Command node -ErrorAction SilentlyContinue)) { & node $own @args }
  elseif (Get-Command kpi.cmd -ErrorAction SilentlyContinue) { & kpi.cmd @args }
  else { [Console]::Error.WriteLine('kpi-monthly: kpi not found: npm install -g kpi-0.1.0.tgz, or set $env:KPI'); exit 2 }
}

$first = if ($Month) { [datetime]::ParseExact("$Month-01", 'yyyy-MM-dd', $null) } else { (Get-Date -Day 1).Date.AddMonths(-1) }
$this = $first.ToString('yyyy-MM')
$last = $first.AddMonths(-1).ToString('yyyy-MM')

New-Item -ItemType Directory -Force -Path $Results -ErrorAction Stop | Out-Null
foreach ($format in 'json', 'xlsx', 'html') {
  Invoke-Kpi compute --no-config --quiet --data $Data --hospitals $Hospitals @ComputeOptions `
    --format $format --out (Join-Path $Results "kpi-$this.$format")
  if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }   # whole files or none
}
$lastJson = Join-Path $Results "kpi-$last.json"
if (-not (Test-Path $lastJson)) { Write-Output "kpi-monthly: $this computed; no results for $last to compare with"; exit 0 }
$diffCsv = Join-Path $Results "diff-$this.csv"
Invoke-Kpi diff $lastJson (Join-Path $Results "kpi-$this.json") --fail-on newly-failing --format csv --out $diffCsv
switch ($LASTEXITCODE) {
  0 { Write-Output "kpi-monthly: $this computed; no area newly below target since $last"; exit 0 }
  1 { [Console]::Error.WriteLine("kpi-monthly: an area newly fell below its target since ${last}: see $diffCsv"); exit 1 }
  default { [Console]::Error.WriteLine("kpi-monthly: kpi diff could not compare $last and $this"); exit 2 }
}
