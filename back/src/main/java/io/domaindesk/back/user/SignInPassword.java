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
 * A password presented at sign-in: at most {@value Password#MAX_BYTES} bytes in UTF-8,
 * the limit of a new {@link Password}. bcrypt compares only the first 72 bytes, so a
 * longer one would be accepted whatever followed them. No minimum length: that rule is
 * for new passwords. {@code null} is valid (nothing to check).
 */
@Documented
@Constraint(validatedBy = SignInPassword.Validator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface SignInPassword {

    String message() default "must be at most " + Password.MAX_BYTES + " bytes (UTF-8)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<SignInPassword, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.getBytes(StandardCharsets.UTF_8).length <= Password.MAX_BYTES;
        }

    }

}
