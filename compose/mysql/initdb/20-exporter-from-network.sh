#!/bin/bash
# Sourced (mounted without the executable bit) by the mysql image's entrypoint on the
# first start, right after 10-exporter-user.sh: the script Kubernetes uses too, mounted
# from k8s/base/mysql/, which creates the exporter's account and its privileges.
# That account may connect from 127.0.0.1 only, because in Kubernetes mysqld_exporter
# is a sidecar in MySQL's pod. Here it is a container of its own on the compose
# network: the same account, with the same privileges, may connect from that network.
docker_process_sql --database=mysql <<-EOSQL
	RENAME USER 'exporter'@'127.0.0.1' TO 'exporter'@'%';
EOSQL
