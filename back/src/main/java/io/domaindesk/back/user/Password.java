package io.domaindesk.back.user;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A new password: at least 12 characters and at most 72 bytes in UTF-8, because bcrypt
 * silently ignores everything after the 72nd byte. {@code null} is valid (nothing to
 * check).
 */
@Documented
@Constraint(validatedBy = Password.Validator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface Password {

    int MIN_CHARACTERS = 12;

    int MAX_BYTES = 72;

    String message() default "must be at least " + MIN_CHARACTERS + " characters and at most " + MAX_BYTES
            + " bytes (UTF-8)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Password, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || (value.codePointCount(0, value.length()) >= MIN_CHARACTERS
                    && value.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES);
        }

    }

}
