# The one image recipe of DomainDesk's three JVM deployables. Build from the repository
# root (the context must hold the Maven reactor):
#
#   docker build --build-arg MODULE=back      -t domaindesk/back:0.1.0 .
#   docker build --build-arg MODULE=front     -t domaindesk/front:0.1.0 .
#   docker build --build-arg MODULE=dbmigrate -t domaindesk/dbmigrate:0.1.0 .
#
# Build arguments:
#   MODULE      required: back, front or dbmigrate, the Maven module the image runs.
#   JAR_SOURCE  source (default): build the module's jar here with the Maven wrapper.
#               prebuilt: take <module>/target/<module>.jar from the build context, built
#               beforehand with ./mvnw -B package -DskipTests (CI tests the jars, then
#               packages those same jars).
#   JDK_IMAGE   the build stage, default eclipse-temurin:25-jdk.
#   JRE_IMAGE   the runtime, default eclipse-temurin:25-jre (the AOT cache is trained on it).
#
# The three images differ only in what the module does when it runs: back and front
# serve on 8080 with their management port on 8081; dbmigrate serves nothing and runs
# the command given as its arguments (none: update). The JVM options (collector, heap)
# are the module's <module>/src/main/jvm/jvm.options, copied in as /app/jvm.options and
# read by both the AOT cache's training run and the ENTRYPOINT: manifests set neither,
# and add other options through JAVA_TOOL_OPTIONS.
#
# Plain Dockerfile syntax only (no BuildKit mounts or heredocs): builds the same with
# Docker (BuildKit or not), podman and buildah.

ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG JRE_IMAGE=eclipse-temurin:25-jre

# ---- the reactor's POMs, and nothing else ------------------------------------------
# Maven reads the POM of every module listed in pom.xml, so the dependency download
# needs them all. This stage keeps only the POMs: as long as none changes, its result
# is the same and the download layer below stays cached, whatever source changed.
FROM ${JDK_IMAGE} AS poms
COPY . /reactor
RUN find /reactor -type f ! -name pom.xml -delete \
 && find /reactor -depth -type d -empty -delete

# ---- the jar and its layers --------------------------------------------------------
FROM ${JDK_IMAGE} AS build
ARG MODULE
# A shell test rather than a stage picked by name (FROM jar-${JAR_SOURCE}): builders
# differ in whether they skip stages named through an argument.
ARG JAR_SOURCE=source
RUN case "$MODULE" in back|front|dbmigrate) ;; \
      *) echo "set --build-arg MODULE=back, front or dbmigrate (got '$MODULE')" >&2; exit 1 ;; esac
WORKDIR /build
COPY mvnw ./
COPY .mvn .mvn
COPY --from=poms /reactor/ ./
RUN if [ "$JAR_SOURCE" = source ]; then \
      ./mvnw -B -q -pl "$MODULE" -am dependency:go-offline -Dmaven.test.skip=true; fi
# .dockerignore lets through src/main of every module and the modules' jars only.
# -pl MODULE -am builds the module and the modules it depends on, nothing else.
COPY . .
RUN if [ "$JAR_SOURCE" = source ]; then \
      ./mvnw -B -q -pl "$MODULE" -am package -Dmaven.test.skip=true; \
    elif [ ! -f "$MODULE/target/$MODULE.jar" ]; then \
      echo "JAR_SOURCE=prebuilt needs $MODULE/target/$MODULE.jar: run ./mvnw -B package -DskipTests first" >&2; exit 1; \
    fi \
 && cp "$MODULE/target/$MODULE.jar" /app.jar
# Spring Boot's layer index splits the fat jar into directories, least-changing first.
# Without --launcher: a plain app.jar whose manifest lists lib/*.jar starts faster than
# the nested-jar launcher and is what the AOT cache can store (it only caches classes
# of the JDK's own class loaders).
WORKDIR /
RUN java -Djarmode=tools -jar /app.jar extract --layers --destination /layers \
 && mkdir -p /layers/dependencies /layers/spring-boot-loader /layers/snapshot-dependencies /layers/application

# ---- runtime ------------------------------------------------------------------------
FROM ${JRE_IMAGE}
ARG MODULE
LABEL org.opencontainers.image.title="domaindesk-${MODULE}" \
      org.opencontainers.image.description="DomainDesk ${MODULE} (docs/containers.md)" \
      org.opencontainers.image.licenses="Apache-2.0"
WORKDIR /app
# Least-changing layer first: a code change rebuilds only the last COPY (under 100 kB)
# and the AOT cache below.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# The module's JVM options (a JDK argument file): collector and heap, see the file.
COPY --from=build /build/${MODULE}/src/main/jvm/jvm.options ./
# JDK 25 AOT cache (JEP 483/514): a training run that starts the Spring context and
# exits records the loaded and linked classes; later starts map them instead of
# loading them again (docs/performance.md has the figures). No database is needed:
# the back starts without its database, and dbmigrate connects only after the context
# has started. The back refuses to start without a JWT key: the training run gets a
# random one, used once and stored nowhere (front and dbmigrate ignore it).
# Trained by this very runtime: a cache from another JVM build is rejected. Trained with
# the options of the entry point (@jvm.options): the collector and heap are then the
# same here, on the build machine's CPUs and memory, as in any container; left to the
# JVM's ergonomics they differ, and a 512 MiB container could not load the cache.
RUN JWT_SECRET="$(head -c 48 /dev/urandom | base64 -w0)" \
    java @jvm.options -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar app.jar > /tmp/aot-training.log 2>&1 \
 || { tail -n 60 /tmp/aot-training.log; exit 1; }; \
    rm -f /tmp/aot-training.log; test -s app.aot
# Numeric, non-root, no login, no write access to /app (Kubernetes runAsNonRoot can
# check a numeric user).
USER 10001:10001
# jvm.options chooses the collector and a fixed heap, and makes a replica out of heap
# exit so that its orchestrator restarts it. Options given later on the command line win
# over JAVA_TOOL_OPTIONS, so the collector and heap are changed in jvm.options (and the
# image rebuilt, which retrains the cache), not in a manifest. Add other JVM options with
# JAVA_TOOL_OPTIONS; -XX:AOTMode=off there disables the cache.
ENTRYPOINT ["java", "@jvm.options", "-XX:AOTCache=app.aot", "-jar", "app.jar"]
