package io.domaindesk.front;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Serves the DomainDesk web UI: static files plus the one thing that differs between
 * environments, the API's address, handed to the browser at run time
 * ({@code /config.json}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FrontApplication {

    public static void main(String[] args) {
        SpringApplication.run(FrontApplication.class, args);
    }

}
