# Configuration files of the vsftpd and ProFTPD instances; sourced by start.sh, which
# defines STATE and tls. Pure-FTPd is configured on its command line (in start.sh).
# shellcheck disable=SC2154 # STATE and tls come from the sourcing script

# write_vsftpd_conf NAME PORT PASV_MIN PASV_MAX writes $STATE/NAME/vsftpd.conf.
# Instances differ only in the last block:
#   vsftpd         FXP allowed (promiscuous), no TLS session reuse required, ASCII conversion
#   vsftpd-reuse   stock: TLS session reuse required, bounce protection on
#   vsftpd-strict  bounce protection on, no TLS session reuse required
write_vsftpd_conf() {
	local name=$1 port=$2 pmin=$3 pmax=$4 conf=$STATE/$1/vsftpd.conf
	cat >"$conf" <<EOF
# vsftpd instance "$name" of Ferry's interop tests (written by .ci/servers/start.sh).
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$port
# Foreground, so that the PID start.sh records is the listener.
background=NO
# Containers often forbid what these need; vsftpd then answers "500 OOPS".
seccomp_sandbox=NO
isolate=NO
isolate_network=NO
secure_chroot_dir=$STATE/empty
pam_service_name=$FERRY_PAM_SERVICE
nopriv_user=nobody
max_clients=200
max_per_ip=0

anonymous_enable=YES
anon_root=$FERRY_ANON_ROOT
anon_upload_enable=NO
anon_mkdir_write_enable=NO
anon_other_write_enable=NO

local_enable=YES
write_enable=YES
local_umask=022
local_root=$STATE/homes/$name
chroot_local_user=YES
allow_writeable_chroot=YES

pasv_enable=YES
pasv_address=127.0.0.1
pasv_min_port=$pmin
pasv_max_port=$pmax
port_enable=YES
# Port 20 needs privileges vsftpd has dropped by then.
connect_from_port_20=NO

ssl_enable=YES
rsa_cert_file=$tls/server.pem
rsa_private_key_file=$tls/server.key
ssl_ciphers=HIGH
allow_anon_ssl=YES
force_local_logins_ssl=NO
force_local_data_ssl=NO
force_anon_logins_ssl=NO
force_anon_data_ssl=NO

xferlog_enable=YES
xferlog_std_format=NO
dual_log_enable=NO
log_ftp_protocol=YES
debug_ssl=YES
vsftpd_log_file=$STATE/$name/vsftpd.log

EOF
	case $name in
	vsftpd)
		cat >>"$conf" <<'EOF'
# Permissive: FXP to and from any address, TLS data connections without session reuse.
pasv_promiscuous=YES
port_promiscuous=YES
require_ssl_reuse=NO
ascii_upload_enable=YES
ascii_download_enable=YES
EOF
		;;
	vsftpd-reuse)
		cat >>"$conf" <<'EOF'
# Stock behaviour users meet: data connections must resume the control TLS session
# (otherwise "522 SSL connection failed: session reuse required" and the control
# connection is dropped), and foreign data addresses are refused.
require_ssl_reuse=YES
EOF
		;;
	vsftpd-strict)
		cat >>"$conf" <<'EOF'
# Stock bounce protection (PORT/PASV to a foreign address refused) for FXP refusal tests.
require_ssl_reuse=NO
EOF
		;;
	*) ferry_die "unknown vsftpd instance $name" ;;
	esac
}

# write_proftpd_conf NAME PORT PASV_MIN PASV_MAX writes $STATE/NAME/proftpd.conf.
#   proftpd         FXP allowed (AllowForeignAddress on)
#   proftpd-strict  stock bounce protection (AllowForeignAddress off)
# Both keep ProFTPD's default of requiring TLS session reuse on data connections.
write_proftpd_conf() {
	local name=$1 port=$2 pmin=$3 pmax=$4 foreign dir=$STATE/$1
	case $name in
	proftpd) foreign=on ;;
	proftpd-strict) foreign=off ;;
	*) ferry_die "unknown proftpd instance $name" ;;
	esac
	cat >"$dir/proftpd.conf" <<EOF
# ProFTPD instance "$name" of Ferry's interop tests (written by .ci/servers/start.sh).
ServerName "Ferry $name"
ServerType standalone
Port $port
DefaultAddress 127.0.0.1
SocketBindTight on
UseIPv6 off
UseReverseDNS off
User nobody
Group nogroup
MaxInstances 200
PassivePorts $pmin $pmax
AllowForeignAddress $foreign

ModulePath $PROFTPD_MODULES
LoadModule mod_tls.c

# Keep every file out of /run and /var/log.
PidFile $dir/proftpd.pid
ScoreboardFile $dir/proftpd.scoreboard
SystemLog $dir/system.log
TransferLog $dir/xfer.log
ExtendedLog $dir/commands.log ALL
DelayEngine off
ControlsEngine off
WtmpLog off

AuthOrder mod_auth_unix.c
RequireValidShell off
DefaultRoot $STATE/homes/$name
DefaultChdir /
Umask 022 022
AllowOverwrite on
AllowStoreRestart on

TLSEngine on
TLSLog $dir/tls.log
TLSProtocol TLSv1.2 TLSv1.3
TLSRequired off
TLSVerifyClient off
TLSRSACertificateFile $tls/server.pem
TLSRSACertificateKeyFile $tls/server.key

<Anonymous $FERRY_ANON_ROOT>
  User ftp
  Group nogroup
  UserAlias anonymous ftp
  RequireValidShell off
  <Limit WRITE>
    DenyAll
  </Limit>
</Anonymous>
EOF
}
