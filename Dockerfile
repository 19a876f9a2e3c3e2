# DomainDesk back: the REST API (8080) and its management port (8081).
#
# Build from the repository root (the context must hold the Maven reactor):
#   docker build -f back/Dockerfile -t domaindesk/back .
# or, reusing back/target/back.jar built beforehand (CI, scripts/compose-e2e.sh):
#   docker build -f back/Dockerfile --build-arg JAR_SOURCE=prebuilt -t domaindesk/back .
#
# Plain Dockerfile syntax only (no BuildKit mounts or heredocs): builds the same with
# Docker (BuildKit or not), podman and buildah.

ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG JRE_IMAGE=eclipse-temurin:25-jre

# ---- the jar and its layers --------------------------------------------------------
FROM ${JDK_IMAGE} AS build
# source (default): build the jar here with the Maven wrapper.
# prebuilt: take back/target/back.jar from the build context, built beforehand.
# A shell test rather than a stage picked by name (FROM jar-${JAR_SOURCE}): builders
# differ in whether they skip stages named through an argument.
ARG JAR_SOURCE=source
WORKDIR /build
# The POMs alone first, so the dependency download stays cached until a POM changes.
# Maven reads every module's POM of the reactor: list new modules here.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY test-support/pom.xml test-support/
COPY dbmigrate/pom.xml dbmigrate/
COPY back/pom.xml back/
COPY front/pom.xml front/
RUN if [ "$JAR_SOURCE" = source ]; then \
      ./mvnw -B -q -pl back -am dependency:go-offline -Dmaven.test.skip=true; fi
# .dockerignore lets through src/main and the module's jar only.
COPY test-support/src test-support/src
COPY dbmigrate/src dbmigrate/src
COPY back back
RUN if [ "$JAR_SOURCE" = source ]; then \
      ./mvnw -B -q -pl back -am package -Dmaven.test.skip=true; \
    elif [ ! -f back/target/back.jar ]; then \
      echo "JAR_SOURCE=prebuilt needs back/target/back.jar: run ./mvnw -B package -DskipTests first" >&2; exit 1; \
    fi \
 && cp back/target/back.jar /app.jar
# Spring Boot's layer index splits the fat jar into directories, least-changing first.
# Without --launcher: a plain app.jar whose manifest lists lib/*.jar starts faster than
# the nested-jar launcher and is what the AOT cache can store (it only caches classes
# of the JDK's own class loaders).
WORKDIR /
RUN java -Djarmode=tools -jar /app.jar extract --layers --destination /layers \
 && mkdir -p /layers/dependencies /layers/spring-boot-loader /layers/snapshot-dependencies /layers/application

# ---- runtime ------------------------------------------------------------------------
FROM ${JRE_IMAGE}
LABEL org.opencontainers.image.title="domaindesk-back" \
      org.opencontainers.image.description="DomainDesk REST API" \
      org.opencontainers.image.licenses="Apache-2.0"
WORKDIR /app
# Least-changing layer first: a code change rebuilds only the last COPY (under 100 kB)
# and the AOT cache below.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# JDK 25 AOT cache (JEP 483/514): a training run that starts the Spring context and
# exits records the loaded and linked classes; later starts map them instead of
# loading them again (docs/performance.md has the figures). The back starts without
# its database, so no DB is needed here. The JWT key is random, used once, and not
# stored anywhere; it only satisfies the start-up check.
# Trained by this very runtime: a cache from another JVM build is rejected.
RUN JWT_SECRET="$(head -c 48 /dev/urandom | base64 -w0)" \
    java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar app.jar > /tmp/aot-training.log 2>&1 \
 || { tail -n 60 /tmp/aot-training.log; exit 1; }; \
    rm -f /tmp/aot-training.log; test -s app.aot
# Numeric, non-root, no login, no write access to /app (Kubernetes runAsNonRoot can
# check a numeric user).
USER 10001:10001
EXPOSE 8080 8081
# MaxRAMPercentage sizes the heap from the container memory limit. Add JVM options
# with JAVA_TOOL_OPTIONS; -XX:AOTMode=off there disables the cache.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:AOTCache=app.aot", "-jar", "app.jar"]
