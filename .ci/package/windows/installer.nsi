; Ferry's Windows installer, built by .ci/package/windows.sh with makensis:
;   makensis -DVERSION=0.1.0 -DBUILD=1 -DSRCDIR=folder -DOUTFILE=setup.exe installer.nsi
; SRCDIR holds Ferry.exe, ferry-cli.exe and ferry.ico. The installer is for all
; users (it asks for administrator rights); /S installs silently, and
; "Uninstall.exe /S" removes everything it wrote.
; A 64-bit installer for a 64-bit program (it also runs under wine64, where
; the installer's logic can be tried without Windows).
Target amd64-unicode
!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"

!ifndef VERSION | BUILD | SRCDIR | OUTFILE
  !error "define VERSION, BUILD, SRCDIR and OUTFILE with -D"
!endif

!define APPKEY "Software\Ferry"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Ferry"
!define PROGID "Ferry.URL"

Name "Ferry"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\Ferry"
InstallDirRegKey HKLM "${APPKEY}" "InstallDir"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
ManifestDPIAware true
ManifestSupportedOS Win10

VIProductVersion "${VERSION}.${BUILD}"
VIAddVersionKey /LANG=0 "ProductName" "Ferry"
VIAddVersionKey /LANG=0 "CompanyName" "Ferry"
VIAddVersionKey /LANG=0 "FileDescription" "Ferry installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}.${BUILD}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Ferry developers"

!define MUI_ICON "${SRCDIR}\ferry.ico"
!define MUI_UNICON "${SRCDIR}\ferry.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\Ferry.exe"
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "French"

Function .onInit
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_ICONSTOP "Ferry needs Windows 10 or later." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "Ferry" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${SRCDIR}\Ferry.exe"
  File "${SRCDIR}\ferry-cli.exe"
  WriteUninstaller "$INSTDIR\Uninstall.exe"
  CreateShortcut "$SMPROGRAMS\Ferry.lnk" "$INSTDIR\Ferry.exe" "" "$INSTDIR\Ferry.exe" 0

  WriteRegStr HKLM "${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayName" "Ferry"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\Ferry.exe,0"
  WriteRegStr HKLM "${UNINSTKEY}" "Publisher" "Ferry"
  WriteRegStr HKLM "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTKEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKLM "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoRepair" 1
SectionEnd

; Makes SCHEME:// open Ferry. A handler already there (Windows may have one
; for ftp) has its command and icon kept under ${APPKEY}\Previous*, and they
; are put back on uninstall; a scheme nobody handled is removed again.
!macro RegisterScheme SCHEME DESCRIPTION
  ReadRegStr $0 HKLM "Software\Classes\${SCHEME}\shell\open\command" ""
  ReadRegStr $1 HKLM "${APPKEY}\OwnedSchemes" "${SCHEME}"
  ${If} $1 == ""
    ${If} $0 != ""
      WriteRegStr HKLM "${APPKEY}\PreviousHandlers" "${SCHEME}" "$0"
      ReadRegStr $2 HKLM "Software\Classes\${SCHEME}\DefaultIcon" ""
      WriteRegStr HKLM "${APPKEY}\PreviousIcons" "${SCHEME}" "$2"
    ${Else}
      WriteRegStr HKLM "Software\Classes\${SCHEME}" "" "${DESCRIPTION}"
      WriteRegStr HKLM "Software\Classes\${SCHEME}" "URL Protocol" ""
    ${EndIf}
    WriteRegStr HKLM "${APPKEY}\OwnedSchemes" "${SCHEME}" "1"
  ${EndIf}
  WriteRegStr HKLM "Software\Classes\${SCHEME}\DefaultIcon" "" "$INSTDIR\Ferry.exe,0"
  WriteRegStr HKLM "Software\Classes\${SCHEME}\shell\open\command" "" '"$INSTDIR\Ferry.exe" "%1"'
  WriteRegStr HKLM "${APPKEY}\Capabilities\URLAssociations" "${SCHEME}" "${PROGID}"
!macroend

!macro UnregisterScheme SCHEME
  ReadRegStr $1 HKLM "${APPKEY}\OwnedSchemes" "${SCHEME}"
  ${If} $1 != ""
    ReadRegStr $0 HKLM "${APPKEY}\PreviousHandlers" "${SCHEME}"
    ${If} $0 != ""
      WriteRegStr HKLM "Software\Classes\${SCHEME}\shell\open\command" "" "$0"
      ReadRegStr $2 HKLM "${APPKEY}\PreviousIcons" "${SCHEME}"
      ${If} $2 != ""
        WriteRegStr HKLM "Software\Classes\${SCHEME}\DefaultIcon" "" "$2"
      ${Else}
        DeleteRegKey HKLM "Software\Classes\${SCHEME}\DefaultIcon"
      ${EndIf}
    ${Else}
      DeleteRegKey HKLM "Software\Classes\${SCHEME}"
    ${EndIf}
  ${EndIf}
!macroend

Section "ftp://, ftps:// and ftpes:// links" SecLinks
  ; The same handler as a ProgID, listed in Settings > Default apps, where a
  ; user who chose another program for ftp:// links can choose Ferry.
  WriteRegStr HKLM "Software\Classes\${PROGID}" "" "FTP URL"
  WriteRegStr HKLM "Software\Classes\${PROGID}" "URL Protocol" ""
  WriteRegStr HKLM "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\Ferry.exe,0"
  WriteRegStr HKLM "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\Ferry.exe" "%1"'
  WriteRegStr HKLM "${APPKEY}\Capabilities" "ApplicationName" "Ferry"
  WriteRegStr HKLM "${APPKEY}\Capabilities" "ApplicationDescription" "Dual-pane FTP and FTPS client"
  !insertmacro RegisterScheme "ftp" "URL:File Transfer Protocol"
  !insertmacro RegisterScheme "ftps" "URL:FTP over implicit TLS"
  !insertmacro RegisterScheme "ftpes" "URL:FTP over explicit TLS"
  WriteRegStr HKLM "Software\RegisteredApplications" "Ferry" "${APPKEY}\Capabilities"
  ; SHCNE_ASSOCCHANGED: Explorer rereads the associations now.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  !insertmacro UnregisterScheme "ftp"
  !insertmacro UnregisterScheme "ftps"
  !insertmacro UnregisterScheme "ftpes"
  DeleteRegKey HKLM "Software\Classes\${PROGID}"
  DeleteRegValue HKLM "Software\RegisteredApplications" "Ferry"
  DeleteRegKey HKLM "${APPKEY}"
  DeleteRegKey HKLM "${UNINSTKEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  Delete "$SMPROGRAMS\Ferry.lnk"
  Delete "$INSTDIR\Ferry.exe"
  Delete "$INSTDIR\ferry-cli.exe"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
SectionEnd
