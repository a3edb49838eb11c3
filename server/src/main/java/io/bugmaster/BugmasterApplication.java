package io.bugmaster;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BugmasterApplication {
    public static void main(String[] args) {
        SpringApplication.run(BugmasterApplication.class, args);
    }
}
