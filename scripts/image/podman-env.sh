# Sourced by the image scripts. Rootful podman from Debian, set for these machines: runc (crun
# fails on setrlimit and hybrid cgroups here), cgroupfs, file events, and open-file limits the
# build's npm needs. Exported so every podman call of the caller uses it.
_conf_dir="${XDG_RUNTIME_DIR:-/tmp}/spof-review-podman"
mkdir -p "$_conf_dir"
cat > "$_conf_dir/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
export CONTAINERS_CONF="$_conf_dir/containers.conf"
unset _conf_dir
