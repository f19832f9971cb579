# syntax=docker/dockerfile:1
#
# Traffic Wizard container image.
#   docker build -t traffic-wizard:0.1.0 .
#   docker run --rm -p 8080:8080 traffic-wizard:0.1.0      # no cluster configured: the demo cluster
#
# Stage 1 builds the Spring Boot jar with the Maven wrapper and splits it into its layers; stage 2
# holds only a JRE and those layers, so a code change rebuilds the small "application" layer and
# the large "dependencies" layer stays cached.

ARG JDK_IMAGE=eclipse-temurin:17-jdk
ARG JRE_IMAGE=eclipse-temurin:17-jre

FROM ${JDK_IMAGE} AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/ src/
COPY frontend/ frontend/
# The cache mount keeps ~/.m2 between builds (BuildKit); it is not part of any image layer.
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw \
 && ./mvnw -B -DskipTests package \
 && cp target/traffic-wizard-*.jar app.jar
# Layers: dependencies, spring-boot-loader, snapshot-dependencies, application (BOOT-INF/layers.idx).
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM ${JRE_IMAGE}
# A fixed numeric user, so Kubernetes can verify runAsNonRoot without reading /etc/passwd.
RUN groupadd --system --gid 10001 trafficwizard \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin trafficwizard
WORKDIR /app
# Owned by root and read-only for the app user: the process cannot change its own code.
# Least frequently changing layer first.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
USER 10001:10001
EXPOSE 8080
# The JVM only writes to /tmp (Tomcat work dir, hsperfdata): mount an emptyDir there when the
# root filesystem is read-only. More JVM flags: set JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", \
            "org.springframework.boot.loader.launch.JarLauncher"]
