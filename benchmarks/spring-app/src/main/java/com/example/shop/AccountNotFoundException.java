package com.example.shop;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.NOT_FOUND)
public class AccountNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  AccountNotFoundException(Long accountId) {
    super("no account " + accountId);
  }
}
