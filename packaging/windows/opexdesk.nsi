; NSIS installer of OpExDesk for Windows (64-bit), made from the PyInstaller folder.
;
;   pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\pyinstaller\opexdesk.spec
;   makensis /DVERSION=0.1.0 /DAPPDIR=..\..\dist\opexdesk /DOUTDIR=..\..\dist packaging\windows\opexdesk.nsi
;
; VERSION is pyproject.toml's version (see packaging/windows/README.md for a one-liner).
; Per-machine install into Program Files; per-user data stays in %LOCALAPPDATA%\opexdesk
; (platformdirs) and is never removed by the uninstaller.

Unicode true
SetCompressor /SOLID lzma
RequestExecutionLevel admin
ManifestDPIAware true

!ifndef VERSION
  !error "pass /DVERSION=x.y.z (pyproject.toml's version)"
!endif
!ifndef APPDIR
  !define APPDIR "..\..\dist\opexdesk"
!endif
!ifndef OUTDIR
  !define OUTDIR "..\..\dist"
!endif

!define APPNAME "OpExDesk"
!define APPID "org.opexdesk.OpExDesk"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"

!include "MUI2.nsh"
!include "x64.nsh"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTDIR}\opexdesk-${VERSION}-setup-x64.exe"
InstallDir "$PROGRAMFILES64\${APPNAME}"
InstallDirRegKey HKLM "Software\${APPNAME}" "InstallDir"
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APPNAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APPNAME} installer"
VIAddVersionKey "LegalCopyright" "OpExDesk"

!define MUI_ICON "opexdesk.ico"
!define MUI_UNICON "opexdesk.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\opexdesk.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APPNAME} needs 64-bit Windows."
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Section "OpExDesk" SecMain
  SectionIn RO
  ; an older version's files go first, so nothing stale stays in _internal
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${APPDIR}\*.*"
  File "opexdesk.ico"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\opexdesk.exe" "" "$INSTDIR\opexdesk.ico"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\opexdesk.exe" "" "$INSTDIR\opexdesk.ico"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "Software\${APPNAME}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTKEY}" "Publisher" "OpExDesk"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\opexdesk.ico"
  WriteRegStr HKLM "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetRegView 64
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\opexdesk.exe"
  Delete "$INSTDIR\opexdesk.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTKEY}"
  DeleteRegKey HKLM "Software\${APPNAME}"
  ; the user's tickets in %LOCALAPPDATA%\opexdesk are kept on purpose
SectionEnd
