# Build the ShopCRM application folder on Windows:
#
#   powershell -ExecutionPolicy Bypass -File scripts\build_installer.ps1 [-SelfTest]
#
# Needs Python 3.11+ from python.org (the `py` launcher). Creates .venv, installs the project
# with its `build` extra (PyInstaller), builds the .qm translations, runs PyInstaller on
# installer.spec and prints the folder's size. The result is dist\ShopCRM\ holding
# ShopCRM.exe (the window), shopcrm-cli.exe (the `shopcrm` commands, for Task Scheduler)
# and _internal\. -SelfTest then runs shopcrm-cli.exe --self-test (ShopCRM.exe is windowed
# and has no console to print on).
param([switch]$SelfTest)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

function Invoke-Checked {
    param([string]$Program, [string[]]$Arguments)
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' ') failed ($LASTEXITCODE)" }
}

$started = Get-Date
$py = ".venv\Scripts\python.exe"
if (-not (Test-Path $py)) { Invoke-Checked "py" @("-3", "-m", "venv", ".venv") }
Invoke-Checked $py @("-m", "pip", "install", "-q", "--disable-pip-version-check", "-e", ".[build]")

if (Test-Path "scripts\build_translations.py") {
    Invoke-Checked $py @("scripts\build_translations.py")
}

Invoke-Checked $py @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", "dist", "--workpath", "build\pyinstaller", "installer.spec")

$folder = "dist\ShopCRM"
if (-not (Test-Path "$folder\ShopCRM.exe")) { throw "$folder\ShopCRM.exe was not built" }
$files = Get-ChildItem $folder -Recurse -File
$size = ($files | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("{0}: {1:N0} MB in {2} files" -f $folder, $size, $files.Count)

if ($SelfTest) {
    $env:QT_QPA_PLATFORM = "offscreen"
    Invoke-Checked "$folder\shopcrm-cli.exe" @("--self-test")
}
Write-Host ("built in {0:N0} s" -f ((Get-Date) - $started).TotalSeconds)
